package io.rxlator.xlators.debug.iostats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void percentilesOfAKnownDistributionAreWithinTheBucketError(long seed) {
        // Log-normal latencies around 50 us, the shape fops have.
        Random r = new Random(seed);
        int n = 200_000;
        long[] values = new long[n];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < n; i++) {
            values[i] = (long) Math.exp(Math.log(50_000) + r.nextGaussian());
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * n) - 1];
            assertThat((double) h.percentile(q)).as("p%s", q * 100).isCloseTo(exact, within(exact / 64.0 + 1));
        }
        assertThat(h.min()).isEqualTo(values[0]);
        assertThat(h.max()).isEqualTo(values[n - 1]);
        assertThat(h.count()).isEqualTo(n);
        assertThat(h.sum()).isEqualTo(Arrays.stream(values).sum());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 63, 64, 65, 127, 128, 1000, 123_456_789L, Long.MAX_VALUE / 2})
    void everyValueFallsInABucketThatHoldsIt(long v) {
        int b = LatencyHistogram.bucket(v);
        assertThat(LatencyHistogram.lowest(b)).isLessThanOrEqualTo(v);
        assertThat(LatencyHistogram.highest(b)).isGreaterThanOrEqualTo(v);
        assertThat(LatencyHistogram.highest(b) - LatencyHistogram.lowest(b)).isLessThanOrEqualTo(Math.max(0, v / 32));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8})
    void concurrentRecordersLoseNothing(int threads) {
        LatencyHistogram h = new LatencyHistogram();
        int each = 100_000;
        CompletableFuture.allOf(IntStream.range(0, threads).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= each; i++) {
                h.record(i);
            }
        })).toArray(CompletableFuture[]::new)).join();
        assertThat(h.count()).isEqualTo((long) threads * each);
        assertThat(h.sum()).isEqualTo((long) threads * each * (each + 1L) / 2);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(each);
        assertThat((double) h.percentile(0.5)).isCloseTo(each / 2.0, within(each / 64.0));
    }
}
