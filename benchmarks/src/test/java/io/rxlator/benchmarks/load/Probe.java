package io.rxlator.benchmarks.load;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * A test translator ({@code test/probe}): counts the fops that pass and how many are in flight
 * at once (the most ever seen), and lets a test shape each reply (delay it, hold it).
 */
final class Probe {

    static final String TYPE = "test/probe";

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLongArray counts = new AtomicLongArray(FopType.values().length);
    private final BiFunction<FopRequest<?>, Mono<? extends FopReply>, Mono<? extends FopReply>> shape;

    /** @param shape given each request and the child's reply, answers the reply to pass up */
    Probe(BiFunction<FopRequest<?>, Mono<? extends FopReply>, Mono<? extends FopReply>> shape) {
        this.shape = shape;
    }

    TranslatorDescriptor descriptor() {
        return TranslatorDescriptor.builder(TYPE).arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) request -> Mono.defer(() -> {
                counts.incrementAndGet(request.type().ordinal());
                int n = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(n, Math::max);
                // Counted out before the reply goes up, so a caller that starts its next call on
                // the reply never finds the last one still counted.
                return shape.apply(request, child.call(request)).map(r -> {
                    inFlight.decrementAndGet();
                    return (FopReply) r;
                }).onErrorResume(e -> {
                    inFlight.decrementAndGet();
                    return Mono.error(e);
                });
            });
        }).build();
    }

    long count(FopType type) {
        return counts.get(type.ordinal());
    }
}
