package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolfileParserTest {

    static String resource(String name) throws IOException {
        try (InputStream in = VolfileParserTest.class.getResourceAsStream("/volfiles/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> problems(String text) {
        try {
            Volfile.parse(text, "t.vol");
            return List.of();
        } catch (VolfileException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    @Test
    void theSeedsRot13VolfileParses() throws Exception {
        Volfile v = Volfile.parse(resource("seed/rot13.vol"), "my.vol");
        assertThat(v.volumes()).extracting(VolumeSpec::name).containsExactly("my-posix", "my-rot13");
        assertThat(v.top().name()).isEqualTo("my-rot13");
        assertThat(v.top().type()).isEqualTo("encryption/my-rot-13");
        assertThat(v.top().subvolumeNames()).containsExactly("my-posix");
        VolumeSpec posix = v.volume("my-posix").orElseThrow();
        assertThat(posix.optionMap()).containsExactly(java.util.Map.entry("directory", "/play/export"));
        assertThat(posix.line()).isEqualTo(1);
        assertThat(posix.options().get(0).line()).isEqualTo(3);
        assertThat(v.top().line()).isEqualTo(6);
    }

    @Test
    void theSeedsBytestVolfileParses() throws Exception {
        Volfile v = Volfile.parse(resource("seed/bytest-fuse.vol"), "bytest-fuse.vol");
        assertThat(v.volumes()).hasSize(6);
        assertThat(v.top().name()).isEqualTo("bytest");
        assertThat(v.volume("bytest-replicate-0").orElseThrow().subvolumeNames())
                .containsExactly("bytest-locks-0", "bytest-client-1");
        assertThat(v.volume("bytest-client-1").orElseThrow().optionMap())
                .containsEntry("remote-subvolume", "/export/bytest2").containsEntry("remote-host", "gfs1");
    }

    @Test
    void commentsQuotesAndEscapes() throws Exception {
        Volfile v = Volfile.parse("""
                # a comment line
                volume a#b   # the name is a#b: '#' starts a comment only at the start of a token
                    type "storage/posix"
                    option directory "/with space/and \\"quotes\\" and \\\\ backslash"
                    option empty ""
                    option kw "type"
                end-volume
                """, "q.vol");
        VolumeSpec a = v.top();
        assertThat(a.name()).isEqualTo("a#b");
        assertThat(a.type()).isEqualTo("storage/posix");
        assertThat(a.optionMap()).containsEntry("directory", "/with space/and \"quotes\" and \\ backslash")
                .containsEntry("empty", "").containsEntry("kw", "type");
    }

    @Test
    void optionsMayComeAfterSubvolumesAsGlusterfsAllows() throws Exception {
        Volfile v = Volfile.parse("volume p type x/y end-volume volume q type x/z subvolumes p option k v end-volume", "o.vol");
        assertThat(v.top().optionMap()).containsEntry("k", "v");
        assertThat(v.top().subvolumeNames()).containsExactly("p");
    }

    @Test
    void keywordsAreLowercase() {
        assertThat(problems("Volume p\n type storage/posix\nend-volume\n")).containsExactly(
                "t.vol:1: error: expected 'volume', found 'Volume' (keywords are lowercase: write 'volume')");
        assertThat(problems("volume p\n TYPE storage/posix\nend-volume\n")).contains(
                "t.vol:2: error: volume 'p': expected type, option, subvolumes or end-volume, found 'TYPE' (keywords are lowercase: write 'type')");
    }

    @Test
    void aKeywordWhereAValueShouldBeSaysToQuoteIt() {
        assertThat(problems("volume p\n type storage/posix\n option k type\nend-volume\n")).contains(
                "t.vol:3: error: volume 'p', option 'k': option has no value (found 'type'; quote the value if it is a keyword, e.g. \"type\")");
    }

    @Test
    void everySyntaxProblemIsReportedAtOnceWithItsLine() {
        List<String> p = problems("""
                volume a
                    option directory /x
                    type storage/posix
                end-volume
                volume b
                    type
                end-volume
                volume c
                    type features/locks
                    subvolumes
                end-volume
                volume d
                    type cluster/replicate
                    subvolumes a
                    subvolumes b
                end-volume
                volume e
                    type x/y
                    option "unterminated
                end-volume
                volume f
                    type x/y
                """);
        assertThat(p).containsExactly(
                "t.vol:3: error: volume 'a': 'type' must come before the volume's options and subvolumes",
                "t.vol:5: error: volume 'b': no 'type' given (e.g. 'type storage/posix')",
                "t.vol:6: error: volume 'b': 'type' needs a value, e.g. 'type storage/posix'",
                "t.vol:10: error: volume 'c': 'subvolumes' needs at least one volume name",
                "t.vol:15: error: volume 'd': second 'subvolumes' line (the first is on line 14; list every child on one line)",
                "t.vol:19: error: unterminated quoted string \"unterminated\" (a quoted value must end with \" on the same line)",
                "t.vol:19: error: volume 'e', option 'unterminated': option has no value (found 'end-volume'; quote the value if it is a keyword, e.g. \"end-volume\")",
                "t.vol:22: error: volume 'f': 'end-volume' not found before the end of the file");
    }

    @Test
    void aMissingEndVolumeIsFoundAtTheNextVolume() {
        assertThat(problems("volume a\n type x/y\nvolume b\n type x/y\nend-volume\n")).containsExactly(
                "t.vol:3: error: volume 'a': 'end-volume' missing before the next 'volume' on line 3");
    }

    @Test
    void backquotedTextIsNeverRun() {
        assertThat(problems("volume a\n type x/y\n option k `touch /tmp/pwned`\nend-volume\n")).first().asString()
                .contains("backquoted text").contains("never runs commands");
        assertThat(new java.io.File("/tmp/pwned")).doesNotExist();
    }

    @Test
    void anEmptyVolfileHasNoVolumes() {
        assertThat(problems("# nothing here\n")).containsExactly("t.vol: error: no volumes defined (a volfile needs at least one 'volume NAME ... end-volume' block)");
        assertThat(problems("hello")).containsExactly("t.vol:1: error: expected 'volume', found 'hello'");
    }

    @Test
    void readNamesTheFile() {
        assertThatThrownBy(() -> Volfile.read(java.nio.file.Path.of("/nonexistent/x.vol")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("/nonexistent/x.vol");
    }
}
