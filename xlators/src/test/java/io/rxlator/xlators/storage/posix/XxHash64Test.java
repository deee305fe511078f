package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XxHash64Test {

    @ParameterizedTest
    @CsvSource({
            "'', ef46db3751d8e999",
            "a, d24ec4f1a98c6e5b",
            "abc, 44bc2cf5ad770999",
            "Nobody inspects the spammish repetition, fbcea83c8a378bf1",
            "0123456789abcdef0123456789abcdef0123456789, a76190c3acf08a1c",
            "f114, 002c6a16a8658a63"}) // checked with xxhsum -H1; the last keeps its leading zeros
    void knownVectors(String input, String hex) {
        assertThat(XxHash64.hex(input.getBytes(StandardCharsets.UTF_8))).isEqualTo(hex);
    }
}
