package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.internal.IovecSegments;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a read reply holds on to: the request's array only when most of it was filled. */
class ReadDataTest {

    @Test
    void aFullReadIsTheArrayAMostlyFullOneAViewAShortOneACopy() {
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 7);
        Iovec full = PosixTranslator.readData(data, 1000);
        assertThat(IovecSegments.raw(full, 0).array()).isSameAs(data);

        Iovec most = PosixTranslator.readData(data, 600);
        assertThat(most.length()).isEqualTo(600);
        assertThat(IovecSegments.raw(most, 0).array()).as("a view").isSameAs(data);

        Iovec little = PosixTranslator.readData(data, 10);
        assertThat(little.length()).isEqualTo(10);
        assertThat(IovecSegments.raw(little, 0).array()).as("a copy of what was read").hasSize(10).containsOnly(7);
        assertThat(PosixTranslator.readData(data, 0).length()).isZero();
    }
}
