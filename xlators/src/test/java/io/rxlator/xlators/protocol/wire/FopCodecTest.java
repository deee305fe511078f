package io.rxlator.xlators.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.testkit.FopFixtures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FopCodecTest {

    /** Inodes and fds by number, as both ends of a connection would agree on them. */
    static final class Registry implements FopCodec.Context {
        final List<Object> objects = new ArrayList<>();
        final Map<Object, Integer> numbers = new IdentityHashMap<>();

        private int number(Object o) {
            return numbers.computeIfAbsent(o, k -> {
                objects.add(k);
                return objects.size() - 1;
            });
        }

        private <T> T object(WireReader r, Class<T> type) {
            int n = r.i32();
            if (n < 0 || n >= objects.size() || !type.isInstance(objects.get(n))) {
                throw r.fail("no " + type.getSimpleName() + " numbered " + n);
            }
            return type.cast(objects.get(n));
        }

        @Override
        public void writeInode(WireWriter w, Inode inode) {
            w.i32(number(inode));
        }

        @Override
        public Inode readInode(WireReader r) {
            return object(r, Inode.class);
        }

        @Override
        public void writeFd(WireWriter w, Fd fd) {
            w.i32(number(fd));
        }

        @Override
        public Fd readFd(WireReader r) {
            return object(r, Fd.class);
        }
    }

    /** Every fop with four seeds; ProtocolEveryFopTest uses it too. */
    static Stream<Arguments> everyFop() {
        List<Arguments> out = new ArrayList<>();
        for (FopType t : FopType.values()) {
            for (long seed = 1; seed <= 4; seed++) {
                out.add(Arguments.of(t, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("everyFop")
    void everyRequestAndReplyComesBackEqual(FopType type, long seed) {
        FopFixtures fixtures = new FopFixtures(seed, new InodeTable());
        Registry ctx = new Registry();
        FopRequest<?> req = fixtures.request(type);
        WireWriter w = new WireWriter(64);
        FopCodec.writeRequest(w, req, ctx);
        assertThat(FopCodec.readRequest(new WireReader(w.toBuffer()), type, ctx)).isEqualTo(req);

        FopReply reply = fixtures.reply(type);
        WireWriter wr = new WireWriter(64);
        FopCodec.writeReply(wr, reply, ctx);
        assertThat(FopCodec.readReply(new WireReader(wr.toBuffer()), type, ctx)).isEqualTo(reply);
    }

    @Test
    void framesRoundTripAndWaitForTheirLastByte() {
        ByteBuffer body = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        ByteBuffer all = new Frame(Frame.Kind.CALL, 0x1234_5678_9ABCL, FopType.WRITEV.number(), body).encode();
        for (int cut = 0; cut < all.remaining(); cut++) {
            ByteBuffer part = all.duplicate();
            part.limit(cut);
            assertThat(Frame.decode(part, 1 << 20)).as("with %d bytes", cut).isNull();
            assertThat(part.position()).isZero();
        }
        Frame f = Frame.decode(all.duplicate(), 1 << 20);
        assertThat(f.kind()).isEqualTo(Frame.Kind.CALL);
        assertThat(f.id()).isEqualTo(0x1234_5678_9ABCL);
        assertThat(f.fop()).isEqualTo(FopType.WRITEV.number());
        assertThat(f.body()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 11, Integer.MAX_VALUE, (1 << 20) + 1})
    void aFrameThatLiesAboutItsLengthIsRefusedBeforeAnythingIsAllocated(int length) {
        ByteBuffer b = ByteBuffer.allocate(4).putInt(length).flip();
        assertThatThrownBy(() -> Frame.decode(b, 1 << 20)).isInstanceOf(WireException.class)
                .hasMessageContaining("claims " + length + " bytes");
    }

    @Test
    void unknownVersionsKindsAndFopsAreNamed() {
        ByteBuffer v = new Frame(Frame.Kind.PING, 1, 0, ByteBuffer.allocate(0)).encode();
        v.put(4, (byte) 9);
        assertThatThrownBy(() -> Frame.decode(v, 1 << 20)).hasMessageContaining("version 9");
        ByteBuffer k = new Frame(Frame.Kind.PING, 1, 0, ByteBuffer.allocate(0)).encode();
        k.put(5, (byte) 99);
        assertThatThrownBy(() -> Frame.decode(k, 1 << 20)).hasMessageContaining("kind 99");
    }

    @Test
    void badTextAndLyingCountsInsideABodyAreNamed() {
        Registry ctx = new Registry();
        FopFixtures fixtures = new FopFixtures(9, new InodeTable());
        WireWriter w = new WireWriter(64);
        FopCodec.writeRequest(w, fixtures.request(FopType.LOOKUP), ctx);
        ByteBuffer b = w.toBuffer();

        b.putInt(9, 1_000_000_000); // presence byte, uid, gid, then the count of groups
        assertThatThrownBy(() -> FopCodec.readRequest(new WireReader(b), FopType.LOOKUP, ctx))
                .isInstanceOf(WireException.class).hasMessageContaining("Lookup.caller").hasMessageContaining("count 1000000000");
    }

    /**
     * 100,000 seeded cases of random and mutated bodies for random fops: decoding either gives
     * a value or a WireException, never anything else, and never allocates beyond the frame.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 22, 33, 44})
    void theDecoderSurvivesRandomAndMutatedBodies(long seed) {
        Random rnd = new Random(seed);
        FopType[] types = FopType.values();
        int decoded = 0;
        int refused = 0;
        List<ByteBuffer> valid = new ArrayList<>();
        List<FopType> validTypes = new ArrayList<>();
        List<Boolean> validIsReply = new ArrayList<>();
        Registry ctx = new Registry();
        FopFixtures fixtures = new FopFixtures(seed, new InodeTable());
        for (FopType t : types) {
            WireWriter w = new WireWriter(64);
            FopCodec.writeRequest(w, fixtures.request(t), ctx);
            valid.add(w.toBuffer());
            validTypes.add(t);
            validIsReply.add(false);
            WireWriter wr = new WireWriter(64);
            FopCodec.writeReply(wr, fixtures.reply(t), ctx);
            valid.add(wr.toBuffer());
            validTypes.add(t);
            validIsReply.add(true);
        }
        for (int i = 0; i < 25_000; i++) {
            FopType type;
            boolean reply;
            byte[] body;
            if (rnd.nextInt(4) == 0) {
                type = types[rnd.nextInt(types.length)];
                reply = rnd.nextBoolean();
                body = new byte[rnd.nextInt(200)];
                rnd.nextBytes(body);
            } else {
                int k = rnd.nextInt(valid.size());
                type = validTypes.get(k);
                reply = validIsReply.get(k);
                ByteBuffer src = valid.get(k).duplicate();
                body = new byte[src.remaining()];
                src.get(body);
                body = mutate(body, rnd);
            }
            try {
                WireReader r = new WireReader(ByteBuffer.wrap(body));
                Object o = reply ? FopCodec.readReply(r, type, ctx) : FopCodec.readRequest(r, type, ctx);
                assertThat(o).isNotNull();
                decoded++;
            } catch (WireException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        assertThat(decoded + refused).isEqualTo(25_000);
        assertThat(refused).isPositive();
        assertThat(decoded).isPositive();
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0 -> {
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
            case 2 -> {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                return longer;
            }
            case 3 -> {
                if (b.length >= 4) {
                    int at = rnd.nextInt(b.length - 3);
                    ByteBuffer.wrap(b).putInt(at, rnd.nextBoolean() ? Integer.MAX_VALUE : rnd.nextInt());
                }
                return b;
            }
            default -> {
                for (int j = 0; j < 1 + rnd.nextInt(4); j++) {
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
                    }
                }
                return b;
            }
        }
    }
}
