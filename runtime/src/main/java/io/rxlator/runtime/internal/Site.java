package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Where a call of one fop lands: a translator that handles it ({@link Invoke}), or a fixed
 * answer ({@link Fixed}) for a chain that ends without a handler or a graph that is not
 * running. Routing tables are arrays of sites indexed by fop.
 */
abstract class Site {

    abstract <R extends FopReply> Mono<R> invoke(FopRequest<R> request);

    /** Calls one translator's handle for one fop and guards what comes back. */
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
            Mono<? extends FopReply> m;
            try {
                m = node.translator().handle(request);
            } catch (FopException e) {
                return Mono.error(e);
            } catch (Throwable t) {
                Exceptions.throwIfJvmFatal(t);
                return Mono.error(node.violation(Failures.threw(node, type, t)));
            }
            if (m == null) {
                return Mono.error(node.violation(Failures.returnedNull(node, type)));
            }
            return (Mono<R>) GuardedMono.guard(m, this);
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
