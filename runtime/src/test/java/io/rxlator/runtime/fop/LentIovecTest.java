package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.internal.IovecSegments;
import io.rxlator.runtime.internal.SpareArrays;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reply arrays lent by a terminal, given back by the last consumer, and kept by a holder. */
class LentIovecTest {

    static final int SIZE = 128 << 10;

    /** Takes this thread's spares of {@code size}, so what follows starts from none. */
    static void drain(int size) {
        for (int i = 0; i < SpareArrays.PER_THREAD; i++) {
            SpareArrays.take(size);
        }
    }

    @BeforeEach
    void noSpares() {
        drain(SIZE);
        drain(SpareArrays.MIN);
    }

    static byte[] filled(int size, long seed) {
        byte[] a = Iovec.borrow(size);
        new Random(seed).nextBytes(a);
        return a;
    }

    static byte[] arrayOf(Iovec v) {
        return IovecSegments.raw(v, 0).array();
    }

    @Test
    void aReleasedArrayIsTheNextOneBorrowedOnThisThreadAndNeverTwice() {
        byte[] a = filled(SIZE, 1);
        Iovec v = Iovec.lend(a, SIZE);
        assertThat(v.isLent()).isTrue();
        assertThat(arrayOf(v)).as("lent, not copied").isSameAs(a);
        Iovec part = v.slice(100, 1000);
        part.release();
        assertThat(v.isLent()).as("releasing a slice gives back the whole array").isFalse();
        v.release();
        assertThat(Iovec.borrow(SIZE)).isSameAs(a);
        assertThat(Iovec.borrow(SIZE)).as("given back once, though released twice").isNotSameAs(a);
    }

    @Test
    void anArrayGivenBackOnAnotherThreadStaysThere() throws Exception {
        byte[] a = filled(SIZE, 2);
        Iovec v = Iovec.lend(a, SIZE);
        CompletableFuture.runAsync(v::release).get();
        assertThat(v.isLent()).isFalse();
        assertThat(Iovec.borrow(SIZE)).isNotSameAs(a);
    }

    static Stream<Arguments> reads() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("toByteArray", (Consumer<Iovec>) Iovec::toByteArray));
        out.add(Arguments.of("byteAt", (Consumer<Iovec>) v -> v.byteAt(0)));
        out.add(Arguments.of("copyTo(byte[])", (Consumer<Iovec>) v -> v.copyTo(new byte[v.length()], 0)));
        out.add(Arguments.of("copyTo(ByteBuffer)", (Consumer<Iovec>) v -> v.copyTo(ByteBuffer.allocate(v.length()))));
        out.add(Arguments.of("segment", (Consumer<Iovec>) v -> v.segment(0)));
        out.add(Arguments.of("asByteBuffer", (Consumer<Iovec>) Iovec::asByteBuffer));
        out.add(Arguments.of("slice", (Consumer<Iovec>) v -> v.slice(1, 2)));
        out.add(Arguments.of("transform", (Consumer<Iovec>) v -> v.transform(b -> b)));
        out.add(Arguments.of("hashCode", (Consumer<Iovec>) Iovec::hashCode));
        out.add(Arguments.of("equals", (Consumer<Iovec>) v -> v.equals(Iovec.of(new byte[v.length()]))));
        out.add(Arguments.of("raw segment", (Consumer<Iovec>) v -> IovecSegments.raw(v, 0)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void readingAfterTheArrayWentBackFailsInsteadOfAnsweringAnotherReadsBytes(String what, Consumer<Iovec> read) {
        Iovec v = Iovec.lend(filled(SIZE, 3), SIZE);
        Iovec part = v.slice(10, 5000);
        read.accept(v);
        read.accept(part);
        v.release();
        for (Iovec x : new Iovec[] {v, part}) {
            assertThatThrownBy(() -> read.accept(x))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("given back")
                    .hasMessageContaining("Iovec.keep()");
        }
    }

    @Test
    void keepingOrJoiningAfterTheArrayWentBackFails() {
        Iovec v = Iovec.lend(filled(SIZE, 9), SIZE);
        v.release();
        assertThatThrownBy(v::keep).isInstanceOf(IllegalStateException.class).hasMessageContaining("given back");
        assertThatThrownBy(() -> v.concat(Iovec.of(new byte[1]))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Iovec.of(new byte[1]).concat(v)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeptIovecIsNeverGivenBackAndKeepsItsBytes() {
        byte[] a = filled(SIZE, 4);
        byte[] expected = a.clone();
        Iovec v = Iovec.lend(a, SIZE);
        assertThat(v.keep()).isSameAs(v);
        assertThat(v.keep()).as("keeping twice is harmless").isSameAs(v);
        assertThat(v.isLent()).isFalse();
        v.release();
        byte[] next = Iovec.borrow(SIZE);
        assertThat(next).isNotSameAs(a);
        new Random(5).nextBytes(next);
        Iovec.lend(next, SIZE).release();
        assertThat(v.toByteArray()).isEqualTo(expected);
    }

    @Test
    void concatKeepsWhatItJoins() {
        byte[] a = filled(SIZE, 6);
        byte[] b = filled(SIZE, 7);
        Iovec va = Iovec.lend(a, SIZE);
        Iovec vb = Iovec.lend(b, SIZE);
        Iovec both = va.concat(vb);
        va.release();
        vb.release();
        both.release();
        assertThat(Iovec.borrow(SIZE)).isNotSameAs(a).isNotSameAs(b);
        assertThat(both.slice(SIZE - 1, 2).toByteArray()).containsExactly(a[SIZE - 1], b[0]);
    }

    @Test
    void aShortReadIsCopiedAndItsArrayGoesBackAtOnceAMostlyFullOneIsAView() {
        byte[] a = filled(SIZE, 8);
        Iovec little = Iovec.lend(a, 1000);
        assertThat(little.isLent()).isFalse();
        assertThat(arrayOf(little)).as("a copy of what was read").hasSize(1000);
        assertThat(little.toByteArray()).isEqualTo(java.util.Arrays.copyOf(a, 1000));
        assertThat(Iovec.borrow(SIZE)).as("back at once").isSameAs(a);

        Iovec most = Iovec.lend(a, SIZE / 2);
        assertThat(most.isLent()).isTrue();
        assertThat(most.length()).isEqualTo(SIZE / 2);
        assertThat(arrayOf(most)).isSameAs(a);
        assertThat(IovecSegments.raw(most, 0).remaining()).isEqualTo(SIZE / 2);
        assertThat(Iovec.lend(Iovec.borrow(SIZE), 0)).isSameAs(Iovec.EMPTY);
        assertThatThrownBy(() -> Iovec.lend(new byte[10], 11)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aThreadKeepsAFewArraysOfTheSizesWorthKeeping() {
        Set<byte[]> given = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Iovec> out = new ArrayList<>();
        for (int i = 0; i < SpareArrays.PER_THREAD + 2; i++) {
            byte[] a = Iovec.borrow(SIZE);
            given.add(a);
            out.add(Iovec.lend(a, SIZE));
        }
        Set<byte[]> back = Collections.newSetFromMap(new IdentityHashMap<>());
        out.forEach(Iovec::release);
        for (int i = 0; i < SpareArrays.PER_THREAD + 2; i++) {
            byte[] a = Iovec.borrow(SIZE);
            if (given.contains(a)) {
                back.add(a);
            }
        }
        assertThat(back).as("at most %d kept per thread", SpareArrays.PER_THREAD).hasSize(SpareArrays.PER_THREAD);

        for (int size : new int[] {SpareArrays.MIN - 1, SpareArrays.MAX + 1}) {
            byte[] a = Iovec.borrow(size);
            Iovec.lend(a, size).release();
            assertThat(Iovec.borrow(size)).as("%d bytes are not kept", size).isNotSameAs(a);
        }
        byte[] small = Iovec.borrow(SpareArrays.MIN);
        Iovec.lend(small, SpareArrays.MIN).release();
        assertThat(Iovec.borrow(SpareArrays.MIN)).isSameAs(small);
    }

    @Test
    void anIovecThatWasNeverLentIgnoresReleaseAndKeep() {
        byte[] data = {1, 2, 3};
        Iovec v = Iovec.wrap(data);
        assertThat(v.isLent()).isFalse();
        v.release();
        assertThat(v.keep()).isSameAs(v);
        assertThat(v.toByteArray()).containsExactly(1, 2, 3);
        Iovec.EMPTY.release();
        assertThat(Iovec.EMPTY.length()).isZero();
    }
}
