package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * One translator in a built graph, and the {@link Subvolume} handle everybody uses to call
 * it. A call looks up the fop in the node's routing table, which points at the first node
 * down the first-child chain that handles the fop; that is how pass-through translators
 * cost nothing.
 */
public final class Node implements Subvolume {

    private static final FopType[] FOPS = FopType.values();

    private final String name;
    private final TranslatorDescriptor descriptor;
    private final String source;
    private final Logger logger;
    private final List<Node> children = new ArrayList<>();
    private final List<Node> parents = new ArrayList<>();
    private final Site[] sites = new Site[FOPS.length];
    private final Site[] notImplemented = new Site[FOPS.length];
    private final AtomicBoolean violationLogged = new AtomicBoolean();
    private volatile Options options;
    private volatile @Nullable Translator translator;
    private volatile Site[] route;
    private volatile boolean passThrough;
    private volatile boolean closed;
    private long fopMask;
    private int callbackMask;
    private Consumer<Event> topListener = e -> { };

    public Node(String name, TranslatorDescriptor descriptor, String source, Options options) {
        this.name = name;
        this.descriptor = descriptor;
        this.source = source;
        this.options = options;
        this.logger = LoggerFactory.getLogger("rxlator.xlator." + name);
        for (FopType t : FOPS) {
            sites[t.ordinal()] = new Site.Invoke(this, t);
            notImplemented[t.ordinal()] = new Site.Fixed(Failures.notImplemented(this, t));
        }
        this.route = fixedRoute(FopException.of(Errno.ENOTCONN, "translator '" + name + "' is not started yet"));
        this.passThrough = readPassThrough(options);
    }

    // ---- Subvolume ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return descriptor.type();
    }

    @Override
    public List<Subvolume> children() {
        return Collections.unmodifiableList(children);
    }

    @Override
    public <R extends FopReply> Mono<R> call(FopRequest<R> request) {
        return route[request.type().ordinal()].invoke(request);
    }

    // ---- structure ----

    public TranslatorDescriptor descriptor() {
        return descriptor;
    }

    public String source() {
        return source;
    }

    public Logger logger() {
        return logger;
    }

    public List<Node> childNodes() {
        return Collections.unmodifiableList(children);
    }

    public List<Node> parentNodes() {
        return Collections.unmodifiableList(parents);
    }

    public void addChild(Node child) {
        children.add(child);
        child.parents.add(this);
    }

    public Options options() {
        return options;
    }

    public void setOptions(Options newOptions) {
        options = newOptions;
        passThrough = readPassThrough(newOptions);
    }

    public @Nullable Translator translatorOrNull() {
        return translator;
    }

    Translator translator() {
        Translator t = translator;
        if (t == null) {
            throw FopException.of(Errno.ENOTCONN, "translator '" + name + "' is not initialised");
        }
        return t;
    }

    /** Installs the translator the factory made and learns which fops and callbacks it handles. */
    public void setTranslator(Translator t) {
        this.fopMask = Masks.fops(t.getClass());
        this.callbackMask = Masks.callbacks(t.getClass());
        this.translator = t;
    }

    /** True if a call of {@code type} stops at this node (rather than passing on to its first child). */
    boolean handles(FopType type) {
        return !passThrough && (fopMask & (1L << type.ordinal())) != 0;
    }

    public boolean isPassThrough() {
        return passThrough;
    }

    /** The fops this node's translator handles itself. */
    public List<FopType> handledFops() {
        List<FopType> out = new ArrayList<>();
        for (FopType t : FOPS) {
            if ((fopMask & (1L << t.ordinal())) != 0) {
                out.add(t);
            }
        }
        return out;
    }

    // ---- routing ----

    /**
     * Recomputes where each fop called on this node lands. Call it, for every node, once all
     * translators are installed and again whenever a node's pass-through setting changes.
     */
    public void computeRoute() {
        Site[] r = new Site[FOPS.length];
        for (FopType t : FOPS) {
            Node n = this;
            Node last = this;
            while (n != null && !n.handles(t)) {
                last = n;
                n = n.children.isEmpty() ? null : n.children.get(0);
            }
            r[t.ordinal()] = n != null ? n.sites[t.ordinal()] : last.notImplemented[t.ordinal()];
        }
        route = r;
    }

    /**
     * Makes every call on this node fail at once with {@code failure} (a graph that is closed),
     * including winds made before and subscribed after.
     */
    public void disable(FopException failure) {
        closed = true;
        route = fixedRoute(failure);
    }

    boolean isClosed() {
        return closed;
    }

    private static Site[] fixedRoute(FopException failure) {
        Site fixed = new Site.Fixed(failure);
        Site[] r = new Site[FOPS.length];
        java.util.Arrays.fill(r, fixed);
        return r;
    }

    /** The node whose translator answers {@code type} when called here (for tests and statedump). */
    public @Nullable String routeTarget(FopType type) {
        Site s = route[type.ordinal()];
        return s instanceof Site.Invoke i ? i.node.name : null;
    }

    private static boolean readPassThrough(Options options) {
        for (var o : options.declared()) {
            if (o.key().equals(CommonOptions.PASS_THROUGH.key())) {
                return Boolean.TRUE.equals(options.get(CommonOptions.PASS_THROUGH));
            }
        }
        return false;
    }

    // ---- events ----

    /** Where events that leave the top of the graph go. */
    public void setTopListener(Consumer<Event> listener) {
        this.topListener = listener;
    }

    /** Delivers an event to this node's translator. */
    public void deliver(Event event) {
        Translator t = translator;
        Notifier n = notifier();
        if (t == null) {
            n.forward(event);
            return;
        }
        try {
            t.notify(event, n);
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            logger.error("translator '{}' ({}) failed to handle event {}", name, type(), event.type(), e);
        }
    }

    /** Sends events from this node to its parents and children. */
    public Notifier notifier() {
        return new Notifier() {
            @Override
            public void up(Event event) {
                if (parents.isEmpty()) {
                    topListener.accept(event.withSource(Node.this));
                    return;
                }
                for (Node p : List.copyOf(parents)) {
                    p.deliver(event.withSource(Node.this));
                }
            }

            @Override
            public void down(Event event) {
                if (children.isEmpty()) {
                    // A leaf is where PARENT_UP/DOWN turn around, as storage/posix does in GlusterFS.
                    if (event.type() == EventType.PARENT_UP) {
                        up(Event.of(EventType.CHILD_UP));
                    } else if (event.type() == EventType.PARENT_DOWN) {
                        up(Event.of(EventType.CHILD_DOWN));
                    }
                    return;
                }
                for (Node c : List.copyOf(children)) {
                    c.deliver(event.withSource(null));
                }
            }
        };
    }

    // ---- callbacks ----

    public void forget(Inode inode) {
        if ((callbackMask & Masks.FORGET) != 0) {
            callback("forget", () -> translator.forget(inode));
        }
    }

    public void release(Fd fd) {
        if (fd.isDirectory()) {
            if ((callbackMask & Masks.RELEASEDIR) != 0) {
                callback("releasedir", () -> translator.releasedir(fd));
            }
        } else if ((callbackMask & Masks.RELEASE) != 0) {
            callback("release", () -> translator.release(fd));
        }
    }

    public void invalidate(Inode inode) {
        if ((callbackMask & Masks.INVALIDATE) != 0) {
            callback("invalidate", () -> translator.invalidate(inode));
        }
    }

    public void dump(DumpWriter out) {
        Translator t = translator;
        if (t != null) {
            callback("dump", () -> t.dump(out));
        }
    }

    private void callback(String what, Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            logger.error("translator '{}' ({}) failed in {}", name, type(), what, e);
        }
    }

    /** Logs a contract violation (the first one with its stack, later ones briefly) and answers it. */
    FopException violation(FopException failure) {
        if (violationLogged.compareAndSet(false, true)) {
            logger.error("{}; later violations by this translator are logged at DEBUG", failure.getMessage(),
                    failure.getCause());
        } else {
            logger.debug("{}", failure.getMessage(), failure.getCause());
        }
        return failure;
    }

    @Override
    public String toString() {
        return name + " (" + type() + ")";
    }
}
