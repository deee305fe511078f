package io.rxlator.fuse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A reader's look for the next request before it sleeps, on a clock each look moves. */
class SpinWaitTest {

    static final long US = 1_000;
    static final long BUDGET = 50 * US;

    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final AtomicInteger polls = new AtomicInteger();
    /** The poll that finds a request (1 = the first); 0 never. */
    int readyAt;

    /** Every poll takes 1 µs of the clock. */
    SpinWait spin(long budget) {
        return new SpinWait(budget, now::get, () -> {
            now.addAndGet(US);
            return polls.incrementAndGet() == readyAt;
        });
    }

    boolean look(SpinWait s, int readyAfter) {
        polls.set(0);
        readyAt = readyAfter;
        return s.await();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 25, 50})
    void aRequestQueuedWithinTheBudgetIsFoundAtTheLookThatSeesIt(int at) {
        SpinWait s = spin(BUDGET);
        assertThat(look(s, at)).isTrue();
        assertThat(polls.get()).as("no look after the one that found it").isEqualTo(at);
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.misses()).isZero();
    }

    @Test
    void lookingEndsWithTheBudget() {
        SpinWait s = spin(BUDGET);
        long start = now.get();
        assertThat(look(s, 0)).isFalse();
        assertThat(now.get() - start).isBetween(BUDGET, BUDGET + US);
        assertThat(look(s, 52)).as("a request after the budget is for read to find").isFalse();
        assertThat(s.misses()).isEqualTo(2);
    }

    @Test
    void sixteenEmptyLooksInARowStopItUntilASleepEndsWithinTheBudget() {
        SpinWait s = spin(BUDGET);
        for (int i = 0; i < SpinWait.MISSES_TO_STOP - 1; i++) {
            assertThat(look(s, 0)).isFalse();
        }
        assertThat(look(s, 3)).as("a find resets the count").isTrue();
        for (int i = 0; i < SpinWait.MISSES_TO_STOP; i++) {
            assertThat(s.looking()).isTrue();
            look(s, 0);
        }
        assertThat(s.looking()).isFalse();
        assertThat(s.stopped()).isTrue();
        assertThat(look(s, 1)).as("stopped: no look at all").isFalse();
        assertThat(polls.get()).isZero();

        s.slept(BUDGET + 1);
        assertThat(s.looking()).as("requests still far apart").isFalse();
        s.slept(BUDGET);
        assertThat(s.looking()).isTrue();
        assertThat(look(s, 10)).isTrue();
        assertThat(s.hits()).isEqualTo(2);
        assertThat(s.misses()).isEqualTo(2L * SpinWait.MISSES_TO_STOP - 1);
    }

    @Test
    void whileRequestsAreFoundQueuedAtOnceItReadsWithoutLookingAndLooksNowAndThen() {
        SpinWait s = spin(BUDGET);
        for (int i = 0; i < SpinWait.QUEUED_TO_SKIP; i++) {
            assertThat(look(s, 1)).isTrue();
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < SpinWait.SKIPS; i++) {
                assertThat(look(s, 1)).as("round %d, request %d: read without looking", round, i).isFalse();
                assertThat(polls.get()).isZero();
            }
            assertThat(look(s, 1)).as("round %d: the look now and then", round).isTrue();
            assertThat(polls.get()).isEqualTo(1);
        }
        // The look now and then had to wait: requests come one after another again, so every one looks.
        for (int i = 0; i < SpinWait.SKIPS; i++) {
            look(s, 1);
        }
        assertThat(look(s, 5)).isTrue();
        for (int i = 0; i < SpinWait.SKIPS; i++) {
            assertThat(look(s, 2)).as("request %d", i).isTrue();
            assertThat(polls.get()).isEqualTo(2);
        }
        assertThat(s.looking()).isTrue();
    }

    @Test
    void aBudgetOfZeroNeverLooks() {
        SpinWait s = spin(0);
        assertThat(s.looking()).isFalse();
        assertThat(s.stopped()).as("nothing to restart").isFalse();
        assertThat(look(s, 1)).isFalse();
        s.slept(0);
        assertThat(look(s, 1)).isFalse();
        assertThat(polls.get()).isZero();
        assertThatThrownBy(() -> spin(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
