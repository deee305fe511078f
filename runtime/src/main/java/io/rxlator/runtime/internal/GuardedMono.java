package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * What a translator returned, checked on its way back up: exactly one reply of the right
 * type, and a {@code FopException} for any failure. Anything else becomes EIO naming the
 * translator, so one broken translator fails its own calls and nothing more.
 *
 * <p>One object per guarded call: it is the {@code Mono} the caller subscribes to and, for
 * that first subscription, also the subscriber of the translator's {@code Mono} and the
 * subscription handed downstream. A second subscription (a retry) gets a fresh subscriber.
 * The subscription is never passed through, so operators downstream cannot fuse past the
 * checks.
 */
final class GuardedMono extends Mono<FopReply> implements CoreSubscriber<FopReply>, Subscription, Scannable {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GuardedMono.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int FRESH = 0;
    private static final int SUBSCRIBED = 1;
    private static final int REPLIED = 2;
    private static final int DONE = 3;

    private final Mono<? extends FopReply> source;
    private final Site.Invoke site;
    private @Nullable CoreSubscriber<? super FopReply> actual;
    private @Nullable Subscription upstream;
    private int state;

    private GuardedMono(Mono<? extends FopReply> source, Site.Invoke site) {
        this.source = source;
        this.site = site;
    }

    /** {@code m}, guarded unless it cannot break the contract. */
    static Mono<? extends FopReply> guard(Mono<? extends FopReply> m, Site.Invoke site) {
        if (m instanceof GuardedMono g && g.site.type == site.type) {
            // The translator returned its child's call untouched: the child's guard covers it.
            return m;
        }
        if (m instanceof Fuseable.ScalarCallable) {
            return checkScalar(m, site);
        }
        return new GuardedMono(m, site);
    }

    /** Mono.just, Mono.empty and Mono.error hold their outcome already: check it now, once. */
    @SuppressWarnings("unchecked")
    private static Mono<? extends FopReply> checkScalar(Mono<? extends FopReply> m, Site.Invoke site) {
        Object value;
        try {
            value = ((Callable<Object>) m).call();
        } catch (FopException e) {
            return m;
        } catch (Throwable t) {
            Exceptions.throwIfJvmFatal(t);
            return Mono.error(site.node.violation(Failures.failed(site.node, site.type, Exceptions.unwrap(t))));
        }
        if (value == null) {
            return Mono.error(site.node.violation(Failures.empty(site.node, site.type)));
        }
        if (!site.type.replyType().isInstance(value)) {
            return Mono.error(site.node.violation(Failures.wrongReply(site.node, site.type, value)));
        }
        return m;
    }

    @Override
    public void subscribe(CoreSubscriber<? super FopReply> subscriber) {
        if (STATE.compareAndSet(this, FRESH, SUBSCRIBED)) {
            actual = subscriber;
            source.subscribe(this);
        } else {
            GuardedMono again = new GuardedMono(source, site);
            again.state = SUBSCRIBED;
            again.actual = subscriber;
            source.subscribe(again);
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            actual.onSubscribe(this);
        }
    }

    @Override
    public void onNext(FopReply reply) {
        if (state != SUBSCRIBED) {
            Operators.onNextDropped(reply, currentContext());
            return;
        }
        if (!site.type.replyType().isInstance(reply)) {
            state = DONE;
            upstream.cancel();
            actual.onError(site.node.violation(Failures.wrongReply(site.node, site.type, reply)));
            return;
        }
        state = REPLIED;
        actual.onNext(reply);
    }

    @Override
    public void onError(Throwable t) {
        if (state == DONE) {
            Operators.onErrorDropped(t, currentContext());
            return;
        }
        state = DONE;
        actual.onError(t instanceof FopException ? t : site.node.violation(Failures.failed(site.node, site.type, t)));
    }

    @Override
    public void onComplete() {
        int s = state;
        if (s == DONE) {
            return;
        }
        state = DONE;
        if (s == REPLIED) {
            actual.onComplete();
        } else {
            actual.onError(site.node.violation(Failures.empty(site.node, site.type)));
        }
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }

    @Override
    public void cancel() {
        upstream.cancel();
    }

    @Override
    public Context currentContext() {
        CoreSubscriber<? super FopReply> a = actual;
        return a == null ? Context.empty() : a.currentContext();
    }

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return upstream;
        }
        if (key == Attr.ACTUAL) {
            return actual;
        }
        if (key == Attr.TERMINATED) {
            return state == DONE;
        }
        if (key == Attr.NAME) {
            return site.toString();
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.SYNC;
        }
        return null;
    }

    @Override
    public String toString() {
        return "guarded(" + site + ")";
    }
}
