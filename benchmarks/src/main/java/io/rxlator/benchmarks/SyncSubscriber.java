package io.rxlator.benchmarks;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A reusable subscriber for calls that complete on the subscribing thread, so a benchmark
 * measures the stack and not the cost of waiting for it. Fails loudly if a call did not
 * complete synchronously or failed.
 */
final class SyncSubscriber<T> implements CoreSubscriber<T> {

    private Object value;
    private Throwable error;

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T t) {
        value = t;
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onComplete() {
    }

    /** The value of the call just made; clears it for the next call. */
    Object take() {
        if (error != null) {
            throw new IllegalStateException("benchmark call failed", error);
        }
        Object v = value;
        if (v == null) {
            throw new IllegalStateException("benchmark call did not complete synchronously");
        }
        value = null;
        return v;
    }
}
