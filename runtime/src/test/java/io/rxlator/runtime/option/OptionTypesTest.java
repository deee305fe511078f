package io.rxlator.runtime.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionTypesTest {

    @ParameterizedTest
    @CsvSource({"1,true", "on,true", "YES,true", "True,true", "enable,true",
            "0,false", "off,false", "no,false", "FALSE,false", "disable,false"})
    void booleansTakeEveryGlusterfsSpelling(String text, boolean expected) {
        assertThat(OptionTypes.BOOL.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "y", "onn", "enabled"})
    void otherBooleansAreRejectedWithTheSpellingsAccepted(String text) {
        assertThatThrownBy(() -> OptionTypes.BOOL.parse(text)).hasMessageContaining("'" + text + "'")
                .hasMessageContaining("on/off, yes/no, true/false, enable/disable or 1/0");
    }

    @ParameterizedTest
    @CsvSource({"42,42", "-7,-7", "+7,7", "0x1F,31", "0X10,16", "0777,511", "010,8", "0,0",
            "9223372036854775807,9223372036854775807"})
    void integersUseCNotation(String text, long expected) {
        assertThat(OptionTypes.INT.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "", "12a", "0x", "09", "1.5", " 1", "9223372036854775808", "0xfffffffffffffffff"})
    void badIntegersAreRejected(String text) {
        assertThatThrownBy(() -> OptionTypes.INT.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "512,512", "10B,10", "128KB,131072", "128kb,131072", "1MB,1048576", "1.5GB,1610612736",
            "2TB,2199023255552", "1PB,1125899906842624", "0.5KB,512"})
    void sizesUnitsArePowersOf1024(String text, long expected) {
        assertThat(OptionTypes.SIZE.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"K", "1K", "1M", "-1MB", "MB", "1 MB", "1XB", "16384PB"})
    void badSizesAreRejected(String text) {
        assertThatThrownBy(() -> OptionTypes.SIZE.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesFormatWithTheLargestExactUnit() {
        assertThat(OptionTypes.SIZE.format(131072L)).isEqualTo("128KB");
        assertThat(OptionTypes.SIZE.format(1L << 30)).isEqualTo("1GB");
        assertThat(OptionTypes.SIZE.format(1000L)).isEqualTo("1000");
        assertThat(OptionTypes.SIZE.format(0L)).isEqualTo("0");
    }

    @ParameterizedTest
    @CsvSource({"30,30", "30s,30", "30sec,30", "5m,300", "5min,300", "2h,7200", "2hr,7200", "1d,86400",
            "1days,86400", "1w,604800", "1wk,604800", "0x10,16"})
    void timesTakeGlusterfsSuffixes(String text, long seconds) {
        assertThat(OptionTypes.TIME.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1x", "s", "10 s", "1hour", "1ms"})
    void badTimesAreRejected(String text) {
        assertThatThrownBy(() -> OptionTypes.TIME.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s/sec, m/min, h/hr, d/days or w/wk");
    }

    @Test
    void percentagesAreZeroToHundred() {
        assertThat(OptionTypes.PERCENT.parse("10")).isEqualTo(10.0);
        assertThat(OptionTypes.PERCENT.parse("12.5%")).isEqualTo(12.5);
        assertThatThrownBy(() -> OptionTypes.PERCENT.parse("101")).hasMessageContaining("out of range [0 - 100]");
        assertThatThrownBy(() -> OptionTypes.PERCENT.parse("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionTypes.PERCENT.parse("10%%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentOrSizeIsAPercentUpToHundredAndBytesAbove() {
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("1")).isEqualTo(PercentOrSize.ofPercent(1));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("2.5%")).isEqualTo(PercentOrSize.ofPercent(2.5));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("100")).isEqualTo(PercentOrSize.ofPercent(100));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("101")).isEqualTo(PercentOrSize.ofBytes(101));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("10GB")).isEqualTo(PercentOrSize.ofBytes(10L << 30));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("50B")).isEqualTo(PercentOrSize.ofBytes(50));
        assertThatThrownBy(() -> OptionTypes.PERCENT_OR_SIZE.parse("1.5GB")).hasMessageContaining("fractional");
        assertThatThrownBy(() -> OptionTypes.PERCENT_OR_SIZE.parse("150%")).hasMessageContaining("[0 - 100]");
        assertThat(PercentOrSize.ofPercent(10).of(1000)).isEqualTo(100);
        assertThat(PercentOrSize.ofBytes(10).of(1000)).isEqualTo(10);
    }

    @Test
    void pathsAreAbsoluteWithoutParentSteps() {
        assertThat(OptionTypes.PATH.parse("/export/brick1")).isEqualTo("/export/brick1");
        assertThatThrownBy(() -> OptionTypes.PATH.parse("export")).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> OptionTypes.PATH.parse("/export/../etc")).hasMessageContaining("'..'");
    }

    @Test
    void addressesAndLists() {
        for (String ok : new String[] {"127.0.0.1", "gfs1", "gfs1.example.com", "::1", "fe80::1", "192.168.*", "*"}) {
            assertThat(OptionTypes.ADDRESS.parse(ok)).isEqualTo(ok);
        }
        for (String bad : new String[] {"300.1.1.1", "a b", "-host", "", "host_name!"}) {
            assertThatThrownBy(() -> OptionTypes.ADDRESS.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(OptionTypes.ADDRESS_LIST.parse("a,b.c, 10.0.0.1")).containsExactly("a", "b.c", "10.0.0.1");
        assertThatThrownBy(() -> OptionTypes.ADDRESS_LIST.parse("a,,b")).hasMessageContaining("empty entry");
        assertThat(OptionTypes.AUTH_ADDRESS_LIST.parse("*")).containsExactly("*");
        assertThat(OptionTypes.AUTH_ADDRESS_LIST.parse("10.0.0.0/8,192.168.1.*,host"))
                .containsExactly("10.0.0.0/8", "192.168.1.*", "host");
        assertThatThrownBy(() -> OptionTypes.AUTH_ADDRESS_LIST.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void priorityAndSizeLists() {
        assertThat(OptionTypes.PRIORITY_LIST.parse("*.php:3,*:1"))
                .containsExactly(new Priority("*.php", 3), new Priority("*", 1));
        assertThatThrownBy(() -> OptionTypes.PRIORITY_LIST.parse("*.php")).hasMessageContaining("pattern:priority");
        assertThat(OptionTypes.SIZE_LIST.parse("4KB,64KB")).isEqualTo(List.of(4096L, 65536L));
        assertThatThrownBy(() -> OptionTypes.SIZE_LIST.parse("4KB,1000")).hasMessageContaining("multiple of 512");
        assertThat(OptionTypes.SIZE_LIST.format(List.of(4096L, 512L))).isEqualTo("4KB,512");
    }

    @Test
    void decimals() {
        assertThat(OptionTypes.DOUBLE.parse("0.5")).isEqualTo(0.5);
        assertThat(OptionTypes.DOUBLE.parse("-2e3")).isEqualTo(-2000.0);
        assertThatThrownBy(() -> OptionTypes.DOUBLE.parse("NaN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeFormatsWhatItParses() {
        assertThat(OptionTypes.BOOL.parse(OptionTypes.BOOL.format(true))).isTrue();
        assertThat(OptionTypes.TIME.parse(OptionTypes.TIME.format(Duration.ofMinutes(3)))).isEqualTo(Duration.ofMinutes(3));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse(OptionTypes.PERCENT_OR_SIZE.format(PercentOrSize.ofBytes(3L << 20))))
                .isEqualTo(PercentOrSize.ofBytes(3L << 20));
        assertThat(OptionTypes.PERCENT.parse(OptionTypes.PERCENT.format(12.5))).isEqualTo(12.5);
        assertThat(OptionTypes.PRIORITY_LIST.parse(OptionTypes.PRIORITY_LIST.format(List.of(new Priority("a", 2)))))
                .containsExactly(new Priority("a", 2));
    }
}
