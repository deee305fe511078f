package io.rxlator.runtime.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    static final Option<String> DIRECTORY = Option.path("directory").required().description("Export directory.");
    static final Option<Long> WINDOW = Option.size("window-size").alias("cache-size").defaultValue("1MB")
            .range(512 << 10, 1L << 30).reconfigurable();
    static final Option<Duration> TIMEOUT = Option.time("nl-cache-timeout").defaultValue("60").range(0, 3600);
    static final Option<String> MODE = Option.oneOf("mandatory-locking", "off", "file", "forced", "optimal")
            .defaultValue("off");
    static final Option<List<String>> ALLOW = Option.authAddressList("auth.addr.*.allow").defaultValue("*");
    static final Option<Boolean> FLAG = Option.bool("flag");
    static final List<Option<?>> ALL = List.of(DIRECTORY, WINDOW, TIMEOUT, MODE, ALLOW, FLAG);

    private static Map<String, String> set(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void valuesParseDefaultsFillInAndAliasesBecomeTheKey() {
        Options o = Options.of(ALL, set("directory", "/export", "cache-size", "4MB", "auth.addr./b1.allow", "10.0.0.0/8"));
        assertThat(o.get(DIRECTORY)).isEqualTo("/export");
        assertThat(o.get(WINDOW)).isEqualTo(4L << 20);
        assertThat(o.written()).containsEntry("window-size", "4MB").doesNotContainKey("cache-size");
        assertThat(o.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.get(TIMEOUT)).as("a default is parsed once, not on every read").isSameAs(o.get(TIMEOUT));
        assertThat(o.isSet(TIMEOUT)).isFalse();
        assertThat(o.get(FLAG)).isNull();
        assertThat(o.getOrDefault(FLAG, true)).isTrue();
        assertThat(o.matching(ALLOW)).containsOnlyKeys("auth.addr./b1.allow");
        assertThat(o.matching(ALLOW).get("auth.addr./b1.allow")).containsExactly("10.0.0.0/8");
    }

    @Test
    void everyProblemIsReportedWithKeyValueAndWhatWasExpected() {
        Options.Parsed p = Options.parse(ALL, set(
                "directroy", "/x",
                "window-size", "1KB",
                "nl-cache-timeout", "soon",
                "mandatory-locking", "Forced",
                "flag", "maybe"));
        assertThat(p.ok()).isFalse();
        assertThat(p.problems()).extracting(OptionException::getMessage).containsExactly(
                "unknown option 'directroy'; did you mean 'directory'? (known: directory, window-size, cache-size, "
                        + "nl-cache-timeout, mandatory-locking, auth.addr.*.allow, flag)",
                "'1KB' is out of range [524288 - 1073741824] bytes",
                "'soon' is not a time: a whole number with an optional unit s/sec, m/min, h/hr, d/days or w/wk (seconds by default)",
                "'Forced' is not valid (values are case-sensitive; did you mean 'forced'?)",
                "'maybe' is not a boolean: on/off, yes/no, true/false, enable/disable or 1/0",
                "required option 'directory' is not set (an absolute path without '..')");
        assertThat(p.problems()).extracting(OptionException::key)
                .containsExactly("directroy", "window-size", "nl-cache-timeout", "mandatory-locking", "flag", "directory");
        assertThat(p.problems().get(1).value()).isEqualTo("1KB");
    }

    @Test
    void aKeySetTwiceThroughAnAliasIsAProblem() {
        Options.Parsed p = Options.parse(ALL, set("directory", "/e", "window-size", "1MB", "cache-size", "2MB"));
        assertThat(p.problems()).singleElement().satisfies(e ->
                assertThat(e.getMessage()).isEqualTo("option 'window-size' is set twice (as 'window-size' and as 'cache-size')"));
    }

    @Test
    void valuesNotInTheListNameTheList() {
        Options.Parsed p = Options.parse(ALL, set("directory", "/e", "mandatory-locking", "sometimes"));
        assertThat(p.problems()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("'sometimes' is not valid (possible values are off, file, forced, optimal)"));
    }

    @Test
    void gettingAnUndeclaredOptionIsAProgrammingError() {
        Options o = Options.of(ALL, set("directory", "/e"));
        assertThatThrownBy(() -> o.get(Option.bool("other"))).hasMessageContaining("not declared");
    }

    @Test
    void changedKeysCompareValues() {
        Options a = Options.of(ALL, set("directory", "/e", "window-size", "1MB"));
        Options b = Options.of(ALL, set("directory", "/e", "window-size", "1024KB"));
        Options c = Options.of(ALL, set("directory", "/e", "window-size", "2MB", "flag", "on"));
        assertThat(a.changedKeys(b)).isEmpty();
        assertThat(a.changedKeys(c)).containsExactlyInAnyOrder("window-size", "flag");
    }

    @Test
    void declarationsCheckTheirOwnDefaults() {
        assertThatThrownBy(() -> Option.bool("x").defaultValue("perhaps")).hasMessageContaining("default of option 'x'");
        assertThatThrownBy(() -> Option.size("x").range(10, 1)).hasMessageContaining("min 10.0 > max 1.0");
    }

    @Test
    void helpTextSaysTypeDefaultRangeAndMeaning() {
        assertThat(WINDOW.help()).isEqualTo("window-size (size, default 1MB, 524288..1073741824 bytes, reconfigurable) alias cache-size");
        assertThat(DIRECTORY.help()).isEqualTo("directory (path, required): Export directory.");
        assertThat(MODE.help()).isEqualTo("mandatory-locking (string, default off, one of off|file|forced|optimal)");
        assertThat(CommonOptions.PASS_THROUGH.help()).startsWith("pass-through (bool, default false, reconfigurable, advanced)");
    }

    @Test
    void typedValuesFormatBackToText() {
        assertThat(WINDOW.format(2L << 20)).isEqualTo("2MB");
        assertThat(TIMEOUT.format(Duration.ofMinutes(1))).isEqualTo("60s");
    }
}
