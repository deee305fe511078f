package io.rxlator.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
            "auth.addr.*.allow, auth.addr./srv/b1.allow, true",
            "auth.addr.*.allow, auth.addr.b1.reject, false",
            "*.php, index.php, true",
            "?, a, true",
            "?, ab, false",
            "[abc]x, bx, true",
            "[!abc]x, bx, false",
            "@(on|off), on, true",
            "@(on|off), onoff, false",
            "+(ab), ababab, true",
            "*(ab)c, c, true",
            "?(x)y, y, true",
            "!(foo), bar, true",
            "!(foo), foo, false",
            "plain, plain, true",
            "a.b, axb, false"})
    void matchesLikeFnmatchWithExtglob(String pattern, String text, boolean matches) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(matches);
    }
}
