package io.rxlator.fuse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which reader threads read, on a clock the test moves. */
class ReadersTest {

    static final long US = 1_000;
    static final long STALL = 50 * US;

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    Readers readers(int max, long stall) {
        return new Readers(max, stall, now::get);
    }

    List<Readers.Slot> join(Readers r, int n) {
        List<Readers.Slot> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(r.join());
        }
        return slots;
    }

    /** Runs one request without data on {@code s} taking {@code nanos}; returns whether s reads on. */
    boolean request(Readers r, Readers.Slot s, long nanos) {
        return request(r, s, nanos, 0);
    }

    /** Runs one request moving {@code bytes} of data on {@code s}, taking {@code nanos}. */
    boolean request(Readers r, Readers.Slot s, long nanos, long bytes) {
        r.started(s, bytes);
        now.addAndGet(nanos);
        return r.finished(s);
    }

    /** Whether a thread waiting for a turn would get one now (takes it). */
    boolean turnFree(Readers r, Readers.Slot s) throws Exception {
        CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> r.awaitTurn(s));
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            r.close(); // ends the waiting thread
            return false;
        }
    }

    @Test
    void quickRequestsKeepOneThreadReading() {
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        assertThat(r.active()).isEqualTo(1);
        assertThat(r.reading()).isEqualTo(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(request(r, s.get(0), 5 * US)).isTrue();
            if (i % 100 == 0) {
                assertThat(r.tick()).isFalse();
            }
        }
        assertThat(r.active()).isEqualTo(1);
        assertThat(r.promotions()).isZero();
    }

    @Test
    void aRequestThatDoesNotFinishLetsAnotherThreadReadAfterTheStuckTime() throws Exception {
        Readers r = readers(3, STALL);
        List<Readers.Slot> s = join(r, 3);
        r.started(s.get(0), 0);
        now.addAndGet(Readers.STUCK_NANOS - 1);
        assertThat(r.tick()).as("busy").isTrue();
        assertThat(r.active()).as("not yet stuck").isEqualTo(1);
        now.addAndGet(1);
        r.tick();
        assertThat(r.active()).isEqualTo(2);
        assertThat(r.reading()).as("counted as reading before it wakes").isEqualTo(1);
        r.tick();
        assertThat(r.active()).as("one is reading: no more").isEqualTo(2);
        assertThat(turnFree(r, s.get(1))).isTrue();

        // The second one is held too: a third may read, and no more than there are threads.
        r.started(s.get(1), 0);
        now.addAndGet(Readers.STUCK_NANOS);
        r.tick();
        assertThat(r.active()).isEqualTo(3);
        assertThat(turnFree(r, s.get(2))).isTrue();
        r.started(s.get(2), 0);
        now.addAndGet(Readers.STUCK_NANOS);
        r.tick();
        assertThat(r.active()).isEqualTo(3);
        assertThat(r.promotions()).isEqualTo(2);

        // They finish: quick ones step back while another reads, until one is left.
        assertThat(r.finished(s.get(2))).as("a stuck request was slow: reads on").isTrue();
        assertThat(r.finished(s.get(1))).isTrue();
        assertThat(r.finished(s.get(0))).isTrue();
        assertThat(r.reading()).isEqualTo(3);
        assertThat(request(r, s.get(0), US)).isFalse();
        assertThat(request(r, s.get(1), US)).isFalse();
        assertThat(request(r, s.get(2), US)).as("the last one reads on").isTrue();
        assertThat(r.active()).isEqualTo(1);
        assertThat(r.retirements()).isEqualTo(2);
    }

    @Test
    void whenMostRequestsAreSlowEveryBusyFinishLetsOneMoreRead() throws Exception {
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        for (int i = 0; i < 15; i++) {
            assertThat(request(r, s.get(0), 100 * US)).isTrue();
        }
        assertThat(r.active()).as("15 slow of 32 are not most").isEqualTo(1);
        assertThat(request(r, s.get(0), 100 * US)).isTrue();
        assertThat(r.active()).isEqualTo(2);
        assertThat(turnFree(r, s.get(1))).isTrue();

        // With one thread still reading, a slow finish lets no more in.
        assertThat(request(r, s.get(0), 100 * US)).isTrue();
        assertThat(r.active()).isEqualTo(2);

        // Both busy, both slow: the first to finish finds nobody reading.
        r.started(s.get(0), 0);
        r.started(s.get(1), 0);
        now.addAndGet(100 * US);
        assertThat(r.finished(s.get(0))).isTrue();
        assertThat(r.active()).isEqualTo(3);
        assertThat(r.finished(s.get(1))).isTrue();
        assertThat(r.active()).as("the new one counts as reading").isEqualTo(3);
    }

    /**
     * 128 KiB reads from the page cache take longer than the stall time only by copying their
     * data: they keep one thread reading, where requests as long without data let another in.
     */
    @Test
    void largeRequestsThatTakeOnlyTheirCopyingTimeAreQuick() {
        long copying = 128 * Readers.COPY_NANOS_PER_KIB;
        assertThat(copying).isEqualTo(64 * US);
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        for (int i = 0; i < 1000; i++) {
            assertThat(request(r, s.get(0), STALL + copying - 1, 128 << 10)).isTrue();
        }
        assertThat(r.active()).isEqualTo(1);
        assertThat(r.promotions()).isZero();
        for (int i = 0; i < 16; i++) {
            request(r, s.get(0), STALL + copying - 1, 0);
        }
        assertThat(r.active()).as("as long without data: slow").isEqualTo(2);
    }

    /** A large request that runs longer than copying its data explains is slow like any other. */
    @Test
    void largeRequestsSlowerThanTheirCopyingAreSlow() {
        long copying = 128 * Readers.COPY_NANOS_PER_KIB;
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        for (int i = 0; i < 15; i++) {
            request(r, s.get(0), STALL + copying, 128 << 10);
        }
        assertThat(r.active()).isEqualTo(1);
        request(r, s.get(0), STALL + copying, 128 << 10);
        assertThat(r.active()).isEqualTo(2);
        assertThat(r.promotions()).isEqualTo(1);
    }

    @Test
    void aSingleSlowRequestAmongQuickOnesChangesNothing() {
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        for (int i = 0; i < 1000; i++) {
            request(r, s.get(0), i % 10 == 0 ? 5_000 * US : 5 * US);
        }
        assertThat(r.active()).isEqualTo(1);
        assertThat(r.promotions()).isZero();
    }

    @Test
    void withoutAStallTimeEveryThreadReadsAllTheTime() {
        Readers r = readers(4, 0);
        assertThat(r.adaptive()).isFalse();
        List<Readers.Slot> s = join(r, 4);
        assertThat(r.active()).isEqualTo(4);
        assertThat(r.reading()).isEqualTo(4);
        for (Readers.Slot slot : s) {
            assertThat(request(r, slot, US)).isTrue();
        }
        assertThat(r.active()).isEqualTo(4);
        assertThat(readers(1, STALL).adaptive()).as("one thread has nothing to decide").isFalse();
    }

    @Test
    void closingEndsEveryWaitingThread() throws Exception {
        Readers r = readers(4, STALL);
        List<Readers.Slot> s = join(r, 4);
        AtomicInteger ended = new AtomicInteger();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            Readers.Slot slot = s.get(i);
            Thread t = new Thread(() -> {
                if (!r.awaitTurn(slot)) {
                    ended.incrementAndGet();
                }
            });
            t.start();
            waiting.add(t);
        }
        r.close();
        for (Thread t : waiting) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(ended).hasValue(3);
        assertThat(r.awaitTurn(s.get(0))).as("the active one ends too").isFalse();
    }

    @Test
    void anIdleMonitorIsWokenOnceByTheNextRequest() {
        Readers r = readers(2, STALL);
        List<Readers.Slot> s = join(r, 2);
        AtomicInteger wakes = new AtomicInteger();
        r.monitor(wakes::incrementAndGet);
        assertThat(r.idle()).isTrue();
        request(r, s.get(0), US);
        request(r, s.get(0), US);
        assertThat(wakes).hasValue(1);
        r.awake();
        r.started(s.get(0), 0);
        assertThat(r.idle()).as("a request is running").isFalse();
        r.finished(s.get(0));
        request(r, s.get(0), US);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void aMonitorNeverSleepsOnceTheReadersAreClosed() {
        Readers r = readers(2, STALL);
        AtomicInteger wakes = new AtomicInteger();
        r.monitor(wakes::incrementAndGet);
        r.close();
        assertThat(wakes).as("closing wakes the monitor").hasValue(1);
        assertThat(r.idle()).as("closed before the monitor went to sleep").isFalse();
    }

    @Test
    void aTurnGivenBeforeAThreadJoinsIsTakenWhenItDoes() throws Exception {
        Readers r = readers(2, STALL);
        Readers.Slot first = r.join();
        r.started(first, 0);
        now.addAndGet(Readers.STUCK_NANOS);
        r.tick();
        assertThat(r.active()).isEqualTo(2);
        assertThat(turnFree(r, r.join())).isTrue();
    }
}
