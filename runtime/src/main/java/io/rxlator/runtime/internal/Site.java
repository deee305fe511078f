package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import reactor.core.publisher.Mono;

/**
 * Where a call of one fop lands: a translator that handles it ({@link Invoke}, which makes a
 * cold, guarded {@link FopMono}), or a fixed answer ({@link Fixed}) for a chain that ends
 * without a handler or a graph that is not running. Routing tables are arrays of sites
 * indexed by fop.
 */
abstract class Site {

    abstract <R extends FopReply> Mono<R> invoke(FopRequest<R> request);

    /** Winds one fop to one translator. */
    static final class Invoke extends Site {
        final Node node;
        final FopType type;

        Invoke(Node node, FopType type) {
            this.node = node;
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        <R extends FopReply> Mono<R> invoke(FopRequest<R> request) {
            return (Mono<R>) (Mono<?>) new FopMono(request, this);
        }

        @Override
        public String toString() {
            return node.name() + "." + type.methodName();
        }
    }

    /** Always answers the same: an ENOSYS for a fop nobody implements, ENOTCONN for a graph not running. */
    static final class Fixed extends Site {
        private final Mono<?> answer;

        Fixed(FopException failure) {
            this.answer = Mono.error(failure);
        }

        @Override
        @SuppressWarnings("unchecked")
        <R extends FopReply> Mono<R> invoke(FopRequest<R> request) {
            return (Mono<R>) answer;
        }
    }
}
