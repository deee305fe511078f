package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.BenchConfig.Kind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Pushes a plan's operations into its target for the length of a phase, with backpressure: a
 * bounded {@code flatMap} holds at most {@code inflight} operations at a time, and operation
 * numbers are generated only as slots free up, so nothing queues without bound.
 *
 * <ul>
 *   <li>Closed loop ({@code rate == 0}): {@code inflight} loops, each starting a new operation
 *       as soon as its last one finishes, until the phase's time is up. Latency runs from the
 *       start of each operation. The loops start on the workers' threads, so a graph that
 *       answers on the caller's thread (storage/memory) is driven by as many threads as there
 *       are workers, and reports that many in flight.
 *   <li>Open loop: operation {@code i} is due at {@code start + i / rate}. It starts then, or
 *       as soon as a slot frees up when the target has fallen behind, and its latency runs from
 *       when it was due, so a stalled target shows in the percentiles (no coordinated
 *       omission).
 * </ul>
 *
 * Time comes from a Reactor {@link Scheduler} (a virtual one in tests).
 */
final class Driver {

    private final Scheduler clock;
    private final Scheduler workers;

    /**
     * @param clock where time comes from, and where open-loop calls wait until they are due
     * @param workers where the closed loops start
     */
    Driver(Scheduler clock, Scheduler workers) {
        this.clock = clock;
        this.workers = workers;
    }

    long now() {
        return clock.now(TimeUnit.NANOSECONDS);
    }

    /**
     * Runs one phase; the {@code Mono} emits what it measured once every operation it started
     * has finished.
     *
     * @param tag makes the names this phase creates unique
     * @param started told of the phase's recorder when it starts (for live progress)
     */
    Mono<Recorder> phase(Plan plan, BenchConfig cfg, Duration length, String tag, Consumer<Recorder> started) {
        return Mono.defer(() -> {
            long t0 = now();
            long deadline = t0 + length.toNanos();
            Recorder rec = new Recorder(t0, length.toNanos());
            started.accept(rec);
            Flux<Void> calls;
            if (cfg.closedLoop()) {
                AtomicLong next = new AtomicLong();
                calls = Flux.range(0, cfg.inflight()).flatMap(loop -> Mono.defer(() -> call(plan, rec,
                                next.getAndIncrement(), tag, now()))
                        .repeat(() -> now() < deadline)
                        .then()
                        .subscribeOn(workers), cfg.inflight());
            } else {
                Flux<Long> numbers = Flux.generate(() -> 0L, (i, sink) -> {
                    sink.next(i);
                    return i + 1;
                });
                double period = 1e9 / cfg.rate();
                calls = numbers.takeWhile(i -> t0 + (long) (i * period) < deadline).flatMap(i -> {
                    long due = t0 + (long) (i * period);
                    long wait = due - now();
                    Mono<Void> c = call(plan, rec, i, tag, due);
                    return wait <= 0 ? c : Mono.delay(Duration.ofNanos(wait), clock).then(c);
                }, cfg.inflight());
            }
            return calls.then(Mono.fromCallable(() -> {
                rec.ended(now());
                return rec;
            }));
        });
    }

    /** One operation, timed from {@code from}; a failure is counted, never propagated. */
    private Mono<Void> call(Plan plan, Recorder rec, long i, String tag, long from) {
        Kind kind = plan.kindOf(i);
        // Plan.run answers every operation with a Done (failures are errors), so nothing checks for empty.
        return Mono.defer(() -> {
            rec.started();
            return plan.run(kind, i, tag);
        }).doOnNext(d -> {
            long end = now();
            rec.succeeded(d.kind(), d.bytes(), end - from, end);
        }).onErrorResume(e -> {
            rec.failed(kind, Errors.name(e));
            return Mono.empty();
        }).then();
    }
}
