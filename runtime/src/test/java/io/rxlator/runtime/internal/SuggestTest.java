package io.rxlator.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {

    static final List<String> KEYS = List.of("directory", "volume-id", "create-mask", "force-create-mode", "reserve");

    @ParameterizedTest
    @CsvSource({"directroy,directory", "Directory,directory", "directory,directory", "volumeid,volume-id",
            "reserv,reserve", "create-mode,create-mask"})
    void likelyTyposFindTheirKey(String typo, String expected) {
        assertThat(Suggest.closest(typo, KEYS)).isEqualTo(expected);
    }

    @Test
    void unrelatedWordsFindNothing() {
        assertThat(Suggest.closest("banana", KEYS)).isNull();
        assertThat(Suggest.closest("x", List.of())).isNull();
        assertThat(Suggest.didYouMean("banana", KEYS)).isEmpty();
        assertThat(Suggest.didYouMean("reserv", KEYS)).isEqualTo("; did you mean 'reserve'?");
    }

    @Test
    void swapsCountOnce() {
        assertThat(Suggest.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
    }
}
