package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphCheckTest {

    static final Option<String> DIRECTORY = Option.path("directory").required();
    static final Option<Long> PAGE_COUNT = Option.integer("page-count").defaultValue("4").range(1, 16);
    static final Option<String> TARGET = Option.xlator("target");

    static final TranslatorRegistry REGISTRY = TranslatorRegistry.of(
            TranslatorDescriptor.builder("storage/posix").arity(Arity.NONE).options(DIRECTORY)
                    .factory(ctx -> new ForwardingTranslator(ctx) { }).build(),
            TranslatorDescriptor.builder("performance/read-ahead").options(PAGE_COUNT)
                    .factory(ctx -> new ForwardingTranslator(ctx) { }).build(),
            TranslatorDescriptor.builder("cluster/replicate").arity(Arity.atLeast(2)).options(TARGET)
                    .factory(ctx -> new ForwardingTranslator(ctx) { }).build());

    private static List<String> check(String text) {
        return Graph.check(text, "g.vol", REGISTRY).stream().map(Problem::toString).toList();
    }

    @Test
    void aGoodVolfileHasNoProblems() {
        assertThat(check("""
                volume p1
                    type storage/posix
                    option directory /e1
                end-volume
                volume p2
                    type storage/posix
                    option directory /e2
                end-volume
                volume r
                    type cluster/replicate
                    option target p1
                    subvolumes p1 p2
                end-volume
                volume ra
                    type performance/read-ahead
                    option page-count 0x10
                    option log-level DEBUG
                    subvolumes r
                end-volume
                """)).isEmpty();
    }

    @Test
    void unknownTypesListTheKnownOnesAndSuggestOne() {
        assertThat(check("volume p\n type storage/posx\n option directory /e\nend-volume\n")).containsExactly(
                "g.vol:2: error: volume 'p': type 'storage/posx' is not a known translator type; did you mean "
                        + "'storage/posix'? (known: cluster/replicate, performance/read-ahead, storage/posix)");
    }

    @Test
    void subvolumeMistakesAreEachReported() {
        assertThat(check("""
                volume p
                    type storage/posix
                    option directory /e
                end-volume
                volume a
                    type performance/read-ahead
                    subvolumes pp
                end-volume
                volume b
                    type performance/read-ahead
                    subvolumes b
                end-volume
                volume c
                    type cluster/replicate
                    subvolumes p p
                end-volume
                volume d
                    type cluster/replicate
                    subvolumes p late
                end-volume
                volume late
                    type performance/read-ahead
                    subvolumes d
                end-volume
                """)).containsExactly(
                "g.vol:7: error: volume 'a': subvolume 'pp' is not defined; did you mean 'p'?",
                "g.vol:11: error: volume 'b': volume has itself as a subvolume",
                "g.vol:15: error: volume 'c': subvolume 'p' is listed twice",
                "g.vol:19: error: volume 'd': subvolume 'late' is defined after this volume (on line 21); "
                        + "children must be defined before their parents",
                "g.vol:23: error: volume 'late': subvolumes form a cycle: d -> late -> d",
                "g.vol:5: warning: volume 'a': not reachable from the top volume 'late'; it is initialised but receives no fops",
                "g.vol:9: warning: volume 'b': not reachable from the top volume 'late'; it is initialised but receives no fops",
                "g.vol:13: warning: volume 'c': not reachable from the top volume 'late'; it is initialised but receives no fops");
    }

    @Test
    void optionAndArityMistakesAreEachReportedWithKeyAndValue() {
        assertThat(check("""
                volume p
                    type storage/posix
                    option directroy /e
                end-volume
                volume q
                    type storage/posix
                    option directory relative/path
                    option directory /again
                end-volume
                volume r
                    type cluster/replicate
                    option target nowhere
                    subvolumes p
                end-volume
                volume ra
                    type performance/read-ahead
                    option page-count 17
                    option log-level LOUD
                    subvolumes r
                end-volume
                volume p
                    type storage/posix
                    option directory /e
                end-volume
                """)).containsExactly(
                "g.vol:21: error: volume 'p': volume defined again (first on line 1)",
                "g.vol:8: error: volume 'q', option 'directory' value '/again': option set twice (first to 'relative/path' "
                        + "on line 7); GlusterFS silently keeps the last value, rxlator asks you to pick one",
                "g.vol:3: error: volume 'p', option 'directroy' value '/e': unknown option 'directroy'; did you mean "
                        + "'directory'? (known: directory, log-level)",
                "g.vol:1: error: volume 'p', option 'directory': required option 'directory' is not set (an absolute path without '..')",
                "g.vol:7: error: volume 'q', option 'directory' value 'relative/path': 'relative/path' is not an absolute path; "
                        + "an absolute path without '..'",
                "g.vol:10: error: volume 'r': cluster/replicate takes at least 2 children, but the volume lists 1 (p)",
                "g.vol:12: error: volume 'r', option 'target' value 'nowhere': 'nowhere' is not a volume in this graph",
                "g.vol:17: error: volume 'ra', option 'page-count' value '17': '17' is out of range [1 - 16]",
                "g.vol:18: error: volume 'ra', option 'log-level' value 'LOUD': 'LOUD' is not valid (possible values are "
                        + "DEBUG, WARNING, ERROR, INFO, CRITICAL, NONE, TRACE)",
                "g.vol:5: warning: volume 'q': not reachable from the top volume 'p'; it is initialised but receives no fops",
                "g.vol:10: warning: volume 'r': not reachable from the top volume 'p'; it is initialised but receives no fops",
                "g.vol:15: warning: volume 'ra': not reachable from the top volume 'p'; it is initialised but receives no fops");
    }

    @Test
    void syntaxAndGraphProblemsAreReportedTogetherWithoutCascades() {
        assertThat(check("""
                volume p
                    type storage/posix
                    option
                end-volume
                volume ra
                    type performance/read-ahead
                    option page-cont 2
                    subvolumes p
                end-volume
                """)).containsExactly(
                "g.vol:3: error: volume 'p': 'option' needs a key and a value",
                "g.vol:7: error: volume 'ra', option 'page-cont' value '2': unknown option 'page-cont'; did you mean "
                        + "'page-count'? (known: page-count, log-level)");
    }

    @Test
    void buildingReportsEveryProblemInOneException() {
        Volfile v = Volfile.builder()
                .volume("p", "storage/posix")
                .volume("x", "no/such", b -> b.subvolumes("p"))
                .build();
        assertThatThrownBy(() -> Graph.build(v, REGISTRY)).isInstanceOfSatisfying(VolfileException.class, e -> {
            assertThat(e.errors()).hasSize(2);
            assertThat(e.getMessage()).startsWith("2 errors:")
                    .contains("<java>: error: volume 'p', option 'directory': required option 'directory' is not set")
                    .contains("<java>: error: volume 'x': type 'no/such' is not a known translator type");
        });
    }

    @Test
    void warningsAloneDoNotStopABuild() throws Exception {
        Volfile v = Volfile.builder()
                .volume("lonely", "storage/posix", b -> b.option("directory", "/a"))
                .volume("p", "storage/posix", b -> b.option("directory", "/b"))
                .build();
        try (Graph g = Graph.build(v, REGISTRY)) {
            assertThat(g.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                    .isEqualTo("<java>: warning: volume 'lonely': not reachable from the top volume 'p'; it is initialised but receives no fops"));
            assertThat(g.names()).containsExactly("lonely", "p");
        }
    }
}
