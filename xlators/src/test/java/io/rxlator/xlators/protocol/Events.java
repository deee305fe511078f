package io.rxlator.xlators.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The events that reach a graph's top, for tests to wait on as they arrive. */
final class Events implements Consumer<Event> {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<Event> seen = new ArrayList<>();

    private Events() {
    }

    /** Starts listening to {@code g} (before it starts, to see its first events). */
    static Events of(Graph g) {
        Events e = new Events();
        g.addListener(e);
        return e;
    }

    @Override
    public synchronized void accept(Event e) {
        seen.add(e);
        notifyAll();
    }

    synchronized int count(EventType type) {
        int n = 0;
        for (Event e : seen) {
            if (e.type() == type) {
                n++;
            }
        }
        return n;
    }

    /** Waits until {@code n} events of {@code type} have arrived (30 s at most); returns the n-th. */
    synchronized Event await(EventType type, int n, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (count(type) < n) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for " + what).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        int k = 0;
        for (Event e : seen) {
            if (e.type() == type && ++k == n) {
                return e;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Waits until state that sends no event (a counter in a statedump, bytes held) is as
     * {@code what} says: it is looked at every 5 ms, for 30 s at most.
     */
    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
