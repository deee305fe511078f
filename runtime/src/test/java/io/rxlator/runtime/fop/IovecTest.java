package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IovecTest {

    private static Iovec split(byte[] data, Random r) {
        int n = 1 + r.nextInt(5);
        ByteBuffer[] parts = new ByteBuffer[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int len = i == n - 1 ? data.length - pos : r.nextInt(data.length - pos + 1);
            parts[i] = ByteBuffer.wrap(data, pos, len);
            pos += len;
        }
        return Iovec.wrap(parts);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void slicesAndCopiesMatchTheBytesWhateverTheSegments(long seed) {
        Random r = new Random(seed);
        byte[] data = new byte[r.nextInt(5000) + 1];
        r.nextBytes(data);
        Iovec v = split(data, r);
        assertThat(v.length()).isEqualTo(data.length);
        assertThat(v.toByteArray()).isEqualTo(data);
        for (int i = 0; i < 50; i++) {
            int off = r.nextInt(data.length);
            int len = r.nextInt(data.length - off + 1);
            byte[] expect = java.util.Arrays.copyOfRange(data, off, off + len);
            Iovec s = v.slice(off, len);
            assertThat(s.toByteArray()).isEqualTo(expect);
            assertThat(s).isEqualTo(Iovec.wrap(expect));
            assertThat(s.hashCode()).isEqualTo(Iovec.wrap(expect).hashCode());
            if (len > 0) {
                int k = r.nextInt(len);
                assertThat(s.byteAt(k)).isEqualTo(expect[k]);
            }
        }
        Iovec joined = v.slice(0, data.length / 2).concat(v.slice(data.length / 2, data.length - data.length / 2));
        assertThat(joined).isEqualTo(v);
        ByteBuffer dst = ByteBuffer.allocate(data.length);
        v.copyTo(dst);
        assertThat(dst.array()).isEqualTo(data);
    }

    @Test
    void wrapDoesNotMoveTheCallersBufferAndSegmentsAreReadOnly() {
        ByteBuffer b = ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8));
        Iovec v = Iovec.wrap(b);
        assertThat(b.position()).isZero();
        assertThat(v.segment(0).isReadOnly()).isTrue();
        assertThat(v.asByteBuffer().isReadOnly()).isTrue();
    }

    @Test
    void ofCopiesSoLaterChangesToTheArrayDoNotShow() {
        byte[] data = {1, 2, 3};
        Iovec v = Iovec.of(data);
        data[0] = 9;
        assertThat(v.byteAt(0)).isEqualTo((byte) 1);
    }

    @Test
    void transformMakesANewIovec() {
        Iovec v = Iovec.wrap(ByteBuffer.wrap("ab".getBytes()), ByteBuffer.wrap("cd".getBytes()));
        Iovec up = v.transform(b -> (byte) Character.toUpperCase(b));
        assertThat(new String(up.toByteArray())).isEqualTo("ABCD");
        assertThat(new String(v.toByteArray())).isEqualTo("abcd");
        assertThat(up.segmentCount()).isEqualTo(1);
    }

    @Test
    void emptyAndBounds() {
        assertThat(Iovec.wrap(new byte[0])).isSameAs(Iovec.EMPTY);
        assertThat(Iovec.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0))).isSameAs(Iovec.EMPTY);
        assertThat(Iovec.EMPTY.isEmpty()).isTrue();
        assertThatThrownBy(() -> Iovec.of(new byte[3]).slice(2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Iovec.of(new byte[3]).byteAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Iovec.of(new byte[3]).toString()).isEqualTo("Iovec[3 bytes in 1 segment]");
    }
}
