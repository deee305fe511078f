package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One wind of one fop to one translator, as a cold {@code Mono}: nothing runs until it is
 * subscribed, then the translator's {@code handle} runs and what it returns is checked on its
 * way back up: exactly one reply of the right type, and a {@code FopException} for any
 * failure. A throw, a null, an empty or wrongly typed answer, or any other exception becomes
 * EIO naming the translator, so one broken translator fails its own calls and nothing more.
 *
 * <p>Being cold matters: {@code Mono.delay(d).then(child.stat(req))} reaches the child after
 * the delay, a retry winds again, and a wind that is never subscribed never happens.
 *
 * <p>One object per wind: it is the {@code Mono} the caller holds and, for the first
 * subscription, also the subscriber of the translator's {@code Mono} and the subscription
 * handed downstream. A second subscription gets a fresh subscriber. The translator's
 * subscription is never passed through, so operators downstream cannot fuse past the checks.
 */
final class FopMono extends Mono<FopReply> implements CoreSubscriber<FopReply>, Subscription, Scannable {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FopMono.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int FRESH = 0;
    private static final int SUBSCRIBED = 1;
    private static final int REPLIED = 2;
    private static final int DONE = 3;

    private final FopRequest<?> request;
    private final Site.Invoke site;
    private @Nullable CoreSubscriber<? super FopReply> actual;
    private @Nullable Subscription upstream;
    private int state;

    FopMono(FopRequest<?> request, Site.Invoke site) {
        this.request = request;
        this.site = site;
    }

    @Override
    public void subscribe(CoreSubscriber<? super FopReply> subscriber) {
        FopMono target = this;
        if (!STATE.compareAndSet(this, FRESH, SUBSCRIBED)) {
            target = new FopMono(request, site);
            target.state = SUBSCRIBED;
        }
        Node node = site.node;
        if (node.isClosed()) {
            Operators.error(subscriber, FopException.of(io.rxlator.runtime.fop.Errno.ENOTCONN,
                    "translator '" + node.name() + "' belongs to a closed graph"));
            return;
        }
        Mono<? extends FopReply> m;
        try {
            m = node.translator().handle(request);
        } catch (FopException e) {
            Operators.error(subscriber, e);
            return;
        } catch (Throwable t) {
            Exceptions.throwIfJvmFatal(t);
            Operators.error(subscriber, node.violation(Failures.threw(node, site.type, t)));
            return;
        }
        if (m == null) {
            Operators.error(subscriber, node.violation(Failures.returnedNull(node, site.type)));
            return;
        }
        if (m instanceof FopMono tail && tail.site.type == site.type) {
            // The translator returned its child's wind untouched: that wind's own checks cover it.
            tail.subscribe(subscriber);
            return;
        }
        target.actual = subscriber;
        m.subscribe(target);
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
        if (state != SUBSCRIBED || upstream == null) {
            if (reply != null) {
                Operators.onNextDropped(reply, currentContext());
            }
            return;
        }
        if (reply == null) {
            state = DONE;
            upstream.cancel();
            actual.onError(site.node.violation(Failures.empty(site.node, site.type)));
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
        int s = state;
        if (s == DONE || actual == null || upstream == null) {
            Operators.onErrorDropped(t, currentContext());
            return;
        }
        state = DONE;
        if (s == REPLIED) {
            // The caller has its reply; a Mono does not fail after a value. Keep the reply, log the error.
            site.node.violation(Failures.failed(site.node, site.type, t));
            actual.onComplete();
            return;
        }
        actual.onError(t instanceof FopException ? t : site.node.violation(Failures.failed(site.node, site.type, t)));
    }

    @Override
    public void onComplete() {
        int s = state;
        if (s == DONE || actual == null || upstream == null) {
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
        return "wind(" + site + ")";
    }
}
