package io.rxlator.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rxlator bench} end to end: the command line, its JSON and HTML, directories and mounts. */
class BenchCommandTest {

    @TempDir
    Path tmp;

    record Outcome(int status, String out, String err) {
    }

    private static Outcome bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchCommand.run(Arrays.asList(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path volfile(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String MEMORY = """
            volume store
                type storage/memory
            end-volume
            volume stats
                type debug/io-stats
                option latency-measurement on
                subvolumes store
            end-volume
            """;

    private static final String DELAYED = """
            volume store
                type storage/memory
            end-volume
            volume slow
                type debug/delay-gen
                option delay-percentage 100
                option delay-duration 200
                option enable READ
                subvolumes store
            end-volume
            """;

    private static JsonSchema schema() throws Exception {
        try (InputStream in = Json.class.getResourceAsStream(Json.SCHEMA_RESOURCE)) {
            assertThat(in).as("the schema is packaged next to Json").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    // ---- JSON ----

    @Test
    void jsonOfARunAndOfAComparisonValidatesAgainstItsSchema() throws Exception {
        JsonSchema schema = schema();
        Path single = tmp.resolve("single.json");
        Outcome o = bench("-w", "mix", "--duration", "400ms", "--warmup", "100ms", "--repeat", "2", "--quiet",
                "--file-size", "256k", "--json", single.toString());
        assertThat(o.status()).as(o.err()).isZero();
        JsonNode doc = Json.mapper().readTree(single.toFile());
        Set<ValidationMessage> problems = schema.validate(doc);
        assertThat(problems).isEmpty();
        assertThat(doc.get("kind").asText()).isEqualTo("run");
        JsonNode runs = doc.at("/targets/0/runs");
        assertThat(runs).hasSize(2);
        for (JsonNode run : runs) {
            assertThat(run.get("ops").asLong()).isPositive();
            assertThat(run.get("errors").asLong()).isZero();
            assertThat(run.at("/kinds/read/ops").asLong()).isPositive();
            assertThat(run.at("/kinds/create/ops").asLong()).isPositive();
            // The embedded stack has io-stats: what it saw in this run only.
            assertThat(run.at("/io_stats/0/fops/READV/calls").asLong()).isEqualTo(run.at("/kinds/read/ops").asLong());
        }

        Path cmp = tmp.resolve("compare.json");
        Path a = volfile("a.vol", MEMORY);
        Path b = volfile("b.vol", DELAYED);
        o = bench("compare", a.toString(), b.toString(), "--duration", "300ms", "--warmup", "0", "--repeat", "2",
                "--quiet", "--file-size", "256k", "--inflight", "4", "--json", cmp.toString());
        assertThat(o.status()).as(o.err()).isZero();
        JsonNode c = Json.mapper().readTree(cmp.toFile());
        assertThat(schema.validate(c)).isEmpty();
        assertThat(c.get("kind").asText()).isEqualTo("compare");
        assertThat(c.at("/targets/0/label").asText()).isEqualTo("A");
        assertThat(c.at("/targets/1/runs")).hasSize(2);
        // B adds 200 us to every read: slower, and the ratio says so.
        assertThat(c.at("/ratios/ops_per_sec/median").asDouble()).isLessThan(0.5);
        assertThat(c.at("/ratios/p50_us/median").asDouble()).isGreaterThan(2.0);
        // MiB/s of A is never 0 here (reads move data), so it has a ratio too.
        assertThat(c.at("/ratios/mib_per_sec/median").asDouble()).isLessThan(0.5);
        assertThat(o.out()).containsPattern("ops_per_sec\\s+\\S+\\s+\\S+\\s+0\\.\\d+");

        // The schema is no formality: broken documents fail it.
        ObjectNode negative = (ObjectNode) doc.deepCopy();
        ((ObjectNode) negative.at("/targets/0/runs/0")).put("ops_per_sec", -1);
        assertThat(schema.validate(negative)).isNotEmpty();
        ObjectNode noRuns = (ObjectNode) doc.deepCopy();
        ((ObjectNode) noRuns.at("/targets/0")).remove("runs");
        assertThat(schema.validate(noRuns)).isNotEmpty();
        ObjectNode compareWithoutRatios = (ObjectNode) c.deepCopy();
        compareWithoutRatios.remove("ratios");
        assertThat(schema.validate(compareWithoutRatios)).isNotEmpty();
        ObjectNode unknownKind = (ObjectNode) doc.deepCopy();
        ((ObjectNode) unknownKind.at("/targets/0/runs/0/kinds")).putObject("rename");
        assertThat(schema.validate(unknownKind)).isNotEmpty();
    }

    // ---- HTML ----

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private String runChromium(String exe, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + tmp.resolve("chromium-profile")));
        cmd.addAll(Arrays.asList(args));
        Path log = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(log.toFile())
                .redirectError(tmp.resolve("chromium.err").toFile()).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return Files.readString(log);
    }

    @Test
    void theHtmlShowsItsPlotsInHeadlessChromium() throws Exception {
        String exe = chromium();
        if (exe == null) {
            System.err.println("*** SKIPPED: no chromium on the PATH (apt-get install chromium); ./run-tests installs it");
            Assumptions.abort("chromium is not installed");
        }
        Path html = tmp.resolve("compare.html");
        Path a = volfile("a.vol", MEMORY);
        Path b = volfile("b.vol", DELAYED);
        Outcome o = bench("compare", a.toString(), b.toString(), "--duration", "2200ms", "--warmup", "0", "--repeat", "2",
                "--quiet", "--file-size", "256k", "--inflight", "4", "--html", html.toString());
        assertThat(o.status()).as(o.err()).isZero();

        // The page as Chromium sees it: three plots, each with a line per run of each target.
        String dom = runChromium(exe, "--dump-dom", html.toUri().toString());
        for (String id : List.of("throughput", "percentiles", "p99")) {
            Matcher svg = Pattern.compile("<svg id=\"" + id + "\"[\\s\\S]*?</svg>").matcher(dom);
            assertThat(svg.find()).as("plot %s in the DOM", id).isTrue();
            Matcher lines = Pattern.compile("<polyline class=\"series\" data-label=\"([^\"]+)\" data-points=\"(\\d+)\"")
                    .matcher(svg.group());
            List<String> labels = new ArrayList<>();
            while (lines.find()) {
                labels.add(lines.group(1));
                assertThat(Integer.parseInt(lines.group(2))).as("points of %s in %s", lines.group(1), id)
                        .isGreaterThanOrEqualTo(2);
            }
            assertThat(labels).containsExactly("A run 1", "A run 2", "B run 1", "B run 2");
        }

        // And on screen: the lines are drawn, in A's colour and in B's.
        Path png = tmp.resolve("page.png");
        runChromium(exe, "--window-size=1000,2400", "--screenshot=" + png, html.toUri().toString());
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        int[] counts = new int[Html.COLOURS.length];
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
                for (int c = 0; c < counts.length; c++) {
                    if (near(rgb, Integer.parseInt(Html.COLOURS[c].substring(1), 16))) {
                        counts[c]++;
                    }
                }
            }
        }
        assertThat(nonWhite).isGreaterThan(20_000);
        assertThat(counts[0]).as("pixels of A's colour").isGreaterThan(500);
        assertThat(counts[1]).as("pixels of B's colour").isGreaterThan(500);
    }

    /** Within a small distance per channel (lines are anti-aliased and drawn at 85% opacity). */
    private static boolean near(int rgb, int colour) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int d = Math.abs(((rgb >> shift) & 0xFF) - ((colour >> shift) & 0xFF));
            if (d > 40) {
                return false;
            }
        }
        return true;
    }

    // ---- the command line ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-w rand-reed                     | unknown --workload 'rand-reed'; did you mean 'rand-read'?",
        "--bs 4x                          | --bs '4x': expected a size such as 4096, 4k, 128KiB, 1m or 2g",
        "--bs 0                           | --bs '0': expected a size from 1 to",
        "--duration 10q                   | --duration '10q': expected a time such as 500ms, 10s, 2m or 1h",
        "--inflight 0                     | --inflight '0': expected a whole number from 1 to",
        "--rate -5                        | --rate '-5': expected operations per second",
        "-w mix --mix read=50,write=40    | --mix 'read=50,write=40': the percentages add up to 90, expected 100",
        "-w mix --mix read=50,rename=50   | --mix 'read=50,rename=50': unknown kind 'rename'",
        "--mix read=100                   | --mix is for --workload mix, not rand-read",
        "--bs 1m --file-size 64k          | --file-size 65536 is smaller than --bs 1048576",
        "--lookup sideways                | unknown --lookup 'sideways'",
        "--frobnicate                     | unknown option '--frobnicate'",
        "--duration                       | option '--duration' needs a value",
        "stray                            | unexpected argument 'stray'",
        "--mount                          | --mount mounts the graph of a volfile: give it with -f VOLFILE",
        "-o ro                            | -o/--mount-options 'ro' is for --mount",
        "-f x.vol --mount -o bigwrites    | -o 'bigwrites': unknown mount option 'bigwrites'",
    })
    void aBadCommandLineIsRefusedNamingTheOptionAndValue(String args, String message) {
        Outcome o = bench(args.trim().split("\\s+"));
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("rxlator bench: " + message.trim());
        assertThat(o.err()).contains("usage: rxlator bench");
    }

    @Test
    void compareNeedsTwoTargets() {
        Outcome o = bench("compare", "only-one.vol");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("compare takes two targets, A and B");
    }

    @Test
    void aTargetThatIsNotThereOrAVolfileWithErrorsFailsSayingWhy() throws Exception {
        Outcome o = bench("-f", tmp.resolve("missing.vol").toString(), "--quiet");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("is neither a volfile nor a directory");

        Path bad = volfile("bad.vol", "volume store\n    type storage/memroy\nend-volume\n");
        o = bench("-f", bad.toString(), "--quiet");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("bad.vol:2").contains("storage/memroy").contains("did you mean 'storage/memory'");
    }

    @Test
    void aDirectoryIsDrivenThroughTheFileApiAndLeftAsItWas() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("export"));
        Path json = tmp.resolve("dir.json");
        Outcome o = bench("--dir", dir.toString(), "-w", "small-files", "--duration", "300ms", "--warmup", "0", "--quiet",
                "--json", json.toString());
        assertThat(o.status()).as(o.err()).isZero();
        JsonNode doc = Json.mapper().readTree(json.toFile());
        assertThat(schema().validate(doc)).isEmpty();
        assertThat(doc.at("/targets/0/runs/0/kinds/small-file/ops").asLong()).isPositive();
        assertThat(doc.at("/targets/0/runs/0/errors").asLong()).isZero();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }

        // --keep leaves the data files, at their size.
        o = bench("--dir", dir.toString(), "-w", "seq-read", "--file-size", "128k", "--files", "2", "--duration",
                "200ms", "--warmup", "0", "--quiet", "--keep");
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(Files.size(dir.resolve("rxbench/data/f0"))).isEqualTo(128 * 1024);
        assertThat(Files.size(dir.resolve("rxbench/data/f1"))).isEqualTo(128 * 1024);
    }

    @Test
    void aGraphMountedForTheRunIsDrivenThroughFuseAndUnmountedAfter() throws Exception {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            System.err.println("*** SKIPPED: /dev/fuse is missing; FUSE mounts cannot be tested here");
            Assumptions.abort("/dev/fuse is missing");
        }
        Path vol = volfile("mem.vol", MEMORY);
        Path json = tmp.resolve("mount.json");
        List<String> before = benchMounts(); // another run's mounts are not this test's to undo
        Outcome o = bench("-f", vol.toString(), "--mount", "-o", "entry-timeout=0", "-w", "small-files", "--duration",
                "500ms", "--warmup", "0", "--quiet", "--json", json.toString());
        try {
            assertThat(o.status()).as(o.err()).isZero();
            JsonNode doc = Json.mapper().readTree(json.toFile());
            assertThat(schema().validate(doc)).isEmpty();
            assertThat(doc.at("/config/through_mount").asBoolean()).isTrue();
            assertThat(doc.at("/config/mount_options").asText()).isEqualTo("entry-timeout=0");
            assertThat(doc.at("/targets/0/target").asText()).startsWith("mount of " + vol);
            long files = doc.at("/targets/0/runs/0/kinds/small-file/ops").asLong();
            assertThat(files).isPositive();
            assertThat(doc.at("/targets/0/runs/0/errors").asLong()).isZero();
            // The kernel's requests reached the graph: a CREATE and an UNLINK per file.
            assertThat(doc.at("/targets/0/runs/0/io_stats/0/fops/CREATE/calls").asLong()).isEqualTo(files);
            assertThat(doc.at("/targets/0/runs/0/io_stats/0/fops/UNLINK/calls").asLong()).isEqualTo(files);
        } finally {
            List<String> left = new java.util.ArrayList<>(benchMounts());
            left.removeAll(before);
            for (String m : left) {
                new ProcessBuilder("fusermount", "-u", "-z", m).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
                Files.deleteIfExists(Path.of(m));
            }
            assertThat(left).as("mounts the run left").isEmpty();
        }
    }

    private static List<String> benchMounts() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" ")[1]).filter(m -> m.contains("rxbench-mnt-")).toList();
    }
}
