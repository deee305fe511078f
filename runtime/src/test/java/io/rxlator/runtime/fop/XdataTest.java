package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XdataTest {

    static final XdataKey<Gfid> GFID = XdataKey.of("test.xdata.gfid", XdataCodec.GFID);
    static final XdataKey<Integer> COUNT = XdataKey.of("test.xdata.count", XdataCodec.INT32);
    static final XdataKey<Long> BIG = XdataKey.of("test.xdata.big", XdataCodec.INT64);
    static final XdataKey<String> TEXT = XdataKey.of("test.xdata.text", XdataCodec.STRING);
    static final XdataKey<Boolean> FLAG = XdataKey.of("test.xdata.flag", XdataCodec.BOOL);

    @Test
    void typedValuesComeBackTyped() {
        Gfid g = Gfid.random();
        Xdata x = Xdata.of(GFID, g).with(COUNT, 7).with(TEXT, "hi").with(BIG, 1L << 40).with(FLAG, true);
        assertThat(x.get(GFID)).isEqualTo(g);
        assertThat(x.get(COUNT)).isEqualTo(7);
        assertThat(x.get(TEXT)).isEqualTo("hi");
        assertThat(x.get(BIG)).isEqualTo(1L << 40);
        assertThat(x.get(FLAG)).isTrue();
        assertThat(x.size()).isEqualTo(5);
        assertThat(x.names()).containsExactly(GFID.name(), COUNT.name(), TEXT.name(), BIG.name(), FLAG.name());
    }

    @Test
    void withReplacesAndWithoutRemovesLeavingTheOriginalAlone() {
        Xdata a = Xdata.of(COUNT, 1);
        Xdata b = a.with(COUNT, 2);
        assertThat(a.get(COUNT)).isEqualTo(1);
        assertThat(b.get(COUNT)).isEqualTo(2);
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.without(COUNT)).isSameAs(Xdata.EMPTY);
        assertThat(b.without(TEXT)).isSameAs(b);
        assertThat(Xdata.EMPTY.get(COUNT)).isNull();
        assertThat(Xdata.EMPTY.getOrDefault(COUNT, 5)).isEqualTo(5);
    }

    @Test
    void rawBytesFromTheWireDecodeOnFirstTypedRead() {
        Xdata raw = Xdata.EMPTY.withRaw(COUNT.name(), Bytes.of((byte) 0, (byte) 0, (byte) 1, (byte) 0));
        assertThat(raw.get(COUNT)).isEqualTo(256);
        assertThat(raw).isEqualTo(Xdata.of(COUNT, 256));
        assertThat(raw.hashCode()).isEqualTo(Xdata.of(COUNT, 256).hashCode());
        assertThat(Xdata.of(COUNT, 256).encoded(COUNT.name())).isEqualTo(Bytes.of((byte) 0, (byte) 0, (byte) 1, (byte) 0));
    }

    @Test
    void rawBytesThatDoNotDecodeFailWithEinvalNamingTheKey() {
        Xdata raw = Xdata.EMPTY.withRaw(COUNT.name(), Bytes.of((byte) 1, (byte) 2));
        assertThatThrownBy(() -> raw.get(COUNT)).isInstanceOfSatisfying(FopException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("test.xdata.count").hasMessageContaining("int32 needs 4 bytes, got 2");
    }

    @Test
    void declaringAKeyTwiceWithAnotherCodecFails() {
        assertThat(XdataKey.of("test.xdata.count", XdataCodec.INT32)).isSameAs(COUNT);
        assertThatThrownBy(() -> XdataKey.of("test.xdata.count", XdataCodec.STRING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("int32").hasMessageContaining("string");
    }

    @Test
    void mergePutsTheOthersValuesOnTop() {
        Xdata a = Xdata.of(COUNT, 1).with(TEXT, "a");
        Xdata b = Xdata.of(COUNT, 2).with(FLAG, false);
        Xdata m = a.merge(b);
        assertThat(m.get(COUNT)).isEqualTo(2);
        assertThat(m.get(TEXT)).isEqualTo("a");
        assertThat(m.get(FLAG)).isFalse();
    }

    @Test
    void equalityIgnoresOrder() {
        assertThat(Xdata.of(COUNT, 1).with(TEXT, "x")).isEqualTo(Xdata.of(TEXT, "x").with(COUNT, 1));
        assertThat(Xdata.of(COUNT, 1)).isNotEqualTo(Xdata.of(COUNT, 2));
    }
}
