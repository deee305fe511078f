package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GfidTest {

    @Test
    void inoIsTheLastEightBytesBigEndianAsGlusterfsShowsIt() {
        // Seen on a GlusterFS 10.3 mount: st_ino 12766436519025056146 = 0xb12b7e5fe4101992.
        Gfid g = Gfid.parse("3f0c4e3a-77d1-4a5e-b12b-7e5fe4101992");
        assertThat(Long.toUnsignedString(g.ino())).isEqualTo("12766436519025056146");
    }

    @Test
    void rootIsOneAndItsInoIsOne() {
        assertThat(Gfid.parse("00000000-0000-0000-0000-000000000001")).isSameAs(Gfid.ROOT);
        assertThat(Gfid.ROOT.ino()).isEqualTo(1);
        assertThat(Gfid.ROOT.isRoot()).isTrue();
        assertThat(Gfid.NULL.isNull()).isTrue();
    }

    @Test
    void textBytesAndUuidAgree() {
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            UUID u = new UUID(r.nextLong(), r.nextLong());
            Gfid g = Gfid.parse(u.toString());
            assertThat(g.toString()).isEqualTo(u.toString());
            assertThat(Gfid.fromBytes(g.toBytes())).isEqualTo(g);
            assertThat(g.high()).isEqualTo(u.getMostSignificantBits());
            assertThat(g.low()).isEqualTo(u.getLeastSignificantBits());
            assertThat(Gfid.parse(u.toString().toUpperCase())).isEqualTo(g);
        }
    }

    @Test
    void byteAtReadsEachByte() {
        Gfid g = Gfid.parse("00112233-4455-6677-8899-aabbccddeeff");
        for (int i = 0; i < 16; i++) {
            assertThat(g.byteAt(i)).isEqualTo(i * 0x11);
        }
    }

    @Test
    void randomGfidsAreVersionFourAndDistinct() {
        Gfid a = Gfid.random();
        Gfid b = Gfid.random();
        assertThat(a).isNotEqualTo(b);
        assertThat(UUID.fromString(a.toString()).version()).isEqualTo(4);
    }

    /**
     * Many gfids from several threads, past many refills of each thread's random bytes: all
     * distinct, all version 4 of the IETF variant, and each of the 122 random bits set in about
     * half of them.
     */
    @Test
    void randomGfidsStayDistinctAndUniformAcrossThreadsAndRefills() throws Exception {
        int threads = 4;
        int each = 25_000;
        java.util.Set<Gfid> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int[][] ones = new int[threads][128];
        java.util.List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int[] mine = ones[t];
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    Gfid g = Gfid.random();
                    seen.add(g);
                    for (int bit = 0; bit < 128; bit++) {
                        mine[bit] += (g.byteAt(bit / 8) >> (7 - bit % 8)) & 1;
                    }
                }
            });
            th.start();
            started.add(th);
        }
        for (Thread th : started) {
            th.join();
        }
        assertThat(seen).hasSize(threads * each);
        for (Gfid g : seen.stream().limit(1000).toList()) {
            UUID u = UUID.fromString(g.toString());
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
        }
        int n = threads * each;
        for (int bit = 0; bit < 128; bit++) {
            int set = 0;
            for (int[] mine : ones) {
                set += mine[bit];
            }
            boolean fixed = (bit >= 48 && bit < 52) || bit == 64 || bit == 65; // version and variant
            if (!fixed) {
                assertThat(set).as("bit %d set in %d of %d", bit, set, n).isBetween(n * 45 / 100, n * 55 / 100);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00000000-0000-0000-0000-00000000001", "0000000000000000-0000-0000-000000000001",
            "g0000000-0000-0000-0000-000000000001", "00000000_0000-0000-0000-000000000001"})
    void badTextIsRejectedWithTheText(String text) {
        assertThatThrownBy(() -> Gfid.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("8-4-4-4-12");
    }

    @Test
    void fromBytesNeedsSixteen() {
        assertThatThrownBy(() -> Gfid.fromBytes(new byte[15])).hasMessageContaining("16 bytes, got 15");
    }
}
