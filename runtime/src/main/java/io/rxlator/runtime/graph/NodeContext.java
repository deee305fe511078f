package io.rxlator.runtime.graph;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.internal.Node;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.TranslatorContext;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/** The {@link TranslatorContext} of one node of a graph being built. */
final class NodeContext implements TranslatorContext {

    private final Node node;
    private final InodeTable table;
    private final Consumer<ContextKey<?>> keys;

    NodeContext(Node node, InodeTable table, Consumer<ContextKey<?>> keys) {
        this.node = node;
        this.table = table;
        this.keys = keys;
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public String type() {
        return node.type();
    }

    @Override
    public String source() {
        return node.source();
    }

    @Override
    public Options options() {
        return node.options();
    }

    @Override
    public List<Subvolume> children() {
        return node.children();
    }

    @Override
    public Subvolume firstChild() {
        List<Subvolume> c = node.children();
        return c.isEmpty() ? new NoChild(node) : c.get(0);
    }

    @Override
    public @Nullable Subvolume child(String name) {
        for (Subvolume s : node.children()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public List<String> parents() {
        return node.parentNodes().stream().map(Node::name).toList();
    }

    @Override
    public <T> ContextKey<T> newContextKey(Class<T> type) {
        ContextKey<T> k = table.newContextKey(node.name(), type);
        keys.accept(k);
        return k;
    }

    @Override
    public InodeTable inodeTable() {
        return table;
    }

    @Override
    public Notifier notifier() {
        return node.notifier();
    }

    @Override
    public Logger logger() {
        return node.logger();
    }

    /** What a translator with no children winds to: every fop fails with ENOSYS. */
    private static final class NoChild implements Subvolume {
        private final Node owner;

        NoChild(Node owner) {
            this.owner = owner;
        }

        @Override
        public String name() {
            return owner.name() + "/<no child>";
        }

        @Override
        public String type() {
            return "none";
        }

        @Override
        public List<Subvolume> children() {
            return List.of();
        }

        @Override
        public <R extends FopReply> Mono<R> call(FopRequest<R> request) {
            return Mono.error(FopException.of(Errno.ENOSYS, request.type().glusterName() + " is not implemented by "
                    + "translator '" + owner.name() + "' (" + owner.type() + "), which has no child to pass it to"));
        }
    }
}
