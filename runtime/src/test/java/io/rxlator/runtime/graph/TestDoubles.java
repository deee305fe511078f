package io.rxlator.runtime.graph;

import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Explicit test doubles: descriptors registered only in the registries the tests build.
 * None of them is published through ServiceLoader.
 */
final class TestDoubles {

    /** Accepts any option key with any value. */
    static final Option<String> ANY_OPTION = Option.string("*");

    private TestDoubles() {
    }

    /** A stand-in for a translator type not built yet: any children, any options, passes fops on. */
    static TranslatorDescriptor permissive(String type) {
        return TranslatorDescriptor.builder(type).arity(Arity.ANY).options(ANY_OPTION)
                .maturity(TranslatorDescriptor.Maturity.TEST)
                .description("test double for " + type)
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
    }

    /** A pass-through with exactly one child that overrides nothing. */
    static TranslatorDescriptor pass(String type) {
        return TranslatorDescriptor.builder(type).arity(Arity.ONE)
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
    }

    /** A terminal that answers every fop with {@code answer} and records what it saw. */
    static TranslatorDescriptor terminal(String type, List<FopRequest<?>> seen,
            Function<FopRequest<?>, Mono<? extends FopReply>> answer) {
        return TranslatorDescriptor.builder(type).arity(Arity.NONE).factory(ctx -> (Translator) request -> {
            seen.add(request);
            return answer.apply(request);
        }).build();
    }

    /** A terminal answering STAT with an empty iatt, ENOSYS to everything else. */
    static TranslatorDescriptor statTerminal(String type, List<FopRequest<?>> seen) {
        return TranslatorDescriptor.builder(type).arity(Arity.NONE).factory(ctx -> new ForwardingTranslator(ctx) {
            @Override
            protected Mono<StatReply> stat(Stat request) {
                seen.add(request);
                return Mono.just(new StatReply(Iatt.EMPTY, Xdata.EMPTY));
            }
        }).build();
    }

    static List<FopRequest<?>> log() {
        return new CopyOnWriteArrayList<>();
    }

    static Stat stat(InodeTable table) {
        return new Stat(CallContext.ROOT, Loc.root(table.root()), Xdata.EMPTY);
    }
}
