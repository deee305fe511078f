package io.rxlator.runtime.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionEdgeCasesTest {

    @Test
    void everyItemOfASizeListIsRangeChecked() {
        Option<List<Long>> sizes = Option.sizeList("sizes").range(512, 1 << 20);
        assertThatThrownBy(() -> sizes.parse("4KB,1TB")).isInstanceOf(OptionException.class)
                .hasMessage("'1099511627776' in '4KB,1TB' is out of range [512 - 1048576] bytes");
    }

    @Test
    void integersTakeAsciiDigitsAndTheWholeRange() {
        assertThatThrownBy(() -> OptionTypes.INT.parse("\uFF11\uFF12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionTypes.INT.parse("\u0663")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OptionTypes.INT.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(OptionTypes.INT.parse("0x7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void numbersMustBeFinite() {
        assertThatThrownBy(() -> OptionTypes.DOUBLE.parse("1e999")).hasMessageContaining("too large");
    }

    @Test
    void wholeNumbersWrittenWithAFractionAreFine() {
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("150.0")).isEqualTo(PercentOrSize.ofBytes(150));
        assertThat(OptionTypes.PERCENT_OR_SIZE.parse("1.0GB")).isEqualTo(PercentOrSize.ofBytes(1L << 30));
        assertThat(OptionTypes.SIZE.parse("2.0")).isEqualTo(2);
        assertThatThrownBy(() -> OptionTypes.SIZE.parse("1.5")).hasMessageContaining("fractional number of bytes");
        assertThatThrownBy(() -> OptionTypes.SIZE.parse("8192.0PB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> OptionTypes.SIZE.parse("8192PB")).hasMessageContaining("too large");
    }

    @Test
    void errorsQuoteTheWholeValue() {
        assertThatThrownBy(() -> OptionTypes.TIME.parse("09s")).hasMessageStartingWith("'09s' is not a time");
    }

    @Test
    void pathsRefuseParentStepsAnywhere() {
        for (String bad : new String[] {"/srv/brick/..", "/a/../b", ".."}) {
            assertThatThrownBy(() -> OptionTypes.PATH.parse(bad)).hasMessageContaining("'..'");
        }
        assertThat(OptionTypes.PATH.parse("/srv/brick..x")).isEqualTo("/srv/brick..x");
    }

    @Test
    void ipv6WildcardsMustBeAddressesOtherwise() {
        assertThat(OptionTypes.ADDRESS.parse("fe80::*")).isEqualTo("fe80::*");
        assertThatThrownBy(() -> OptionTypes.ADDRESS.parse("*:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionTypes.ADDRESS.parse(":::::::::*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suggestionsDoNotCostMemoryForHugeNames() {
        String huge = "x".repeat(60_000);
        assertThat(io.rxlator.runtime.internal.Suggest.closest(huge, List.of(huge + "y"))).isNull();
    }
}
