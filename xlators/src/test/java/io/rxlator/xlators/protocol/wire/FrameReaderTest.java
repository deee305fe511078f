package io.rxlator.xlators.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    /** Frames of every size, cut into chunks of random sizes, come out whole and in order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void framesSplitAnywhereComeOutWhole(long seed) {
        Random rnd = new Random(seed);
        List<Frame> sent = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(100)];
            rnd.nextBytes(body);
            Frame f = new Frame(Frame.Kind.values()[rnd.nextInt(Frame.Kind.values().length)], rnd.nextLong(), rnd.nextInt(60),
                    ByteBuffer.wrap(body));
            sent.add(f);
            WireWriter w = Frame.writer(16);
            w.data(body.length, new ByteBuffer[] {ByteBuffer.wrap(body)});
            // The frame as the writer makes it: body prefixed by its own length here, so compare that.
            ByteBuffer whole = ByteBuffer.allocate(w.position());
            for (ByteBuffer b : Frame.finish(w, f.kind(), f.id(), f.fop())) {
                whole.put(b);
            }
            stream.writeBytes(whole.array());
        }
        byte[] all = stream.toByteArray();
        FrameReader reader = new FrameReader(1 << 20);
        List<Frame> got = new ArrayList<>();
        int at = 0;
        while (at < all.length) {
            int n = Math.min(all.length - at, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(70_000));
            ByteBuf chunk = Unpooled.wrappedBuffer(all, at, n);
            got.addAll(reader.frames(chunk));
            assertThat(chunk.isReadable()).isFalse();
            at += n;
        }
        assertThat(got).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Frame s = sent.get(i);
            Frame g = got.get(i);
            assertThat(g.kind()).isEqualTo(s.kind());
            assertThat(g.id()).isEqualTo(s.id());
            assertThat(g.fop()).isEqualTo(s.fop());
            WireReader r = new WireReader(g.body());
            assertThat(r.view()).isEqualTo(s.body());
            r.end();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void aLyingLengthIsRefusedHoweverItArrives(int firstChunk) {
        byte[] lie = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array();
        FrameReader reader = new FrameReader(1 << 20);
        assertThatThrownBy(() -> {
            reader.frames(Unpooled.wrappedBuffer(lie, 0, firstChunk));
            reader.frames(Unpooled.wrappedBuffer(lie, firstChunk, lie.length - firstChunk));
        }).isInstanceOf(WireException.class).hasMessageContaining("claims " + Integer.MAX_VALUE);
    }
}
