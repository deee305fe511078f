package io.rxlator.xlators.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.xlators.support.FopCounter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** debug/delay-gen, debug/error-gen, debug/trace and debug/io-stats over storage/memory. */
class DebugTranslatorsTest {

    private static final CallContext ROOT = CallContext.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Graph> graphs = new ArrayList<>();
    private final FopCounter below = new FopCounter();
    private boolean virtual;

    @AfterEach
    void close() {
        graphs.forEach(Graph::close);
        if (virtual) {
            VirtualTimeScheduler.reset();
        }
    }

    /** memory ← count ← each of {@code layers} (type, options) in order, bottom first. */
    private Graph build(List<Map.Entry<String, Map<String, String>>> layers) throws VolfileException {
        Volfile.Builder b = Volfile.builder().volume("store", "storage/memory")
                .volume("count", FopCounter.TYPE, vol -> vol.subvolumes("store"));
        String below = "count";
        int i = 0;
        for (var layer : layers) {
            String name = "l" + i++;
            String child = below;
            b.volume(name, layer.getKey(), vol -> {
                layer.getValue().forEach(vol::option);
                vol.subvolumes(child);
            });
            below = name;
        }
        Graph g = Graph.build(b.build(), TranslatorRegistry.load().with(this.below.descriptor()), new InodeTable());
        g.start();
        graphs.add(g);
        return g;
    }

    private Graph build(String type, Map<String, String> options) throws VolfileException {
        return build(List.of(Map.entry(type, options)));
    }

    private static FileSystem fs(Graph g) {
        return new FileSystem(g.top(), g.inodeTable());
    }

    private static <T> T ok(Mono<T> m) {
        return m.block(Duration.ofSeconds(30));
    }

    private static Errno errnoOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (FopException e) {
            return e.errno();
        }
    }

    private static Lookup lookupOf(Graph g, String name) {
        return new Lookup(ROOT, Loc.root(g.inodeTable().root()).child(name, g.inodeTable().newInode()), Xdata.EMPTY);
    }

    private static Map<String, String> dump(Graph g, String volume) {
        DumpWriter w = new DumpWriter();
        w.section(volume);
        g.translator(volume).dump(w);
        return w.entries(volume);
    }

    // ---- delay-gen ----

    @Test
    void delayGenHoldsSelectedFopsOnATimerWithoutBlocking() throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
        virtual = true;
        Graph g = build("debug/delay-gen", Map.of("delay-percentage", "100", "delay-duration", "1000", "enable", "LOOKUP"));
        List<Object> done = new ArrayList<>();
        g.top().lookup(lookupOf(g, "x")).subscribe(done::add, done::add);
        assertThat(done).isEmpty();
        assertThat(below.count(FopType.LOOKUP)).isZero();
        // A fop that is not selected goes straight down.
        ok(g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)));
        clock.advanceTimeBy(Duration.ofNanos(999_999));
        assertThat(done).isEmpty();
        clock.advanceTimeBy(Duration.ofNanos(1));
        assertThat(done).hasSize(1);
        assertThat(done.get(0)).isInstanceOf(FopException.class);
        assertThat(below.count(FopType.LOOKUP)).isEqualTo(1);
    }

    @Test
    void delayGenDelaysThePercentageAskedFor() throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
        virtual = true;
        Graph g = build("debug/delay-gen", Map.of("delay-percentage", "30", "delay-duration", "5000", "seed", "7"));
        int n = 5000;
        int[] immediate = {0};
        for (int i = 0; i < n; i++) {
            g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)).subscribe(r -> immediate[0]++);
        }
        int delayed = n - immediate[0];
        assertThat(delayed).isBetween(1350, 1650);
        assertThat(dump(g, "l0").get("delayed")).isEqualTo(String.valueOf(delayed));
        clock.advanceTimeBy(Duration.ofMillis(5));
        assertThat(below.count(FopType.STATFS)).isEqualTo(n);
    }

    // ---- error-gen ----

    @Test
    void errorGenFailsTheSelectedFopsWithTheChosenErrno() throws Exception {
        Graph g = build("debug/error-gen", Map.of("failure", "100", "error-no", "EIO", "error-fops", "lookup,STAT"));
        FileSystem fs = fs(g);
        assertThat(errnoOf(() -> ok(fs.lstat(ROOT, "/a")))).isEqualTo(Errno.EIO);
        assertThat(below.count(FopType.LOOKUP)).isZero();
        ok(g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)));
        assertThat(below.count(FopType.STATFS)).isEqualTo(1);
    }

    @Test
    void errorGenPicksErrnosTheFopCanReturnAndRepeatsWithASeed() throws Exception {
        Map<String, String> opts = Map.of("failure", "25", "seed", "42", "enable", "LOOKUP");
        Graph a = build("debug/error-gen", opts);
        Graph b = build("debug/error-gen", opts);
        List<Errno> seqA = new ArrayList<>();
        List<Errno> seqB = new ArrayList<>();
        int n = 4000;
        for (int i = 0; i < n; i++) {
            seqA.add(errnoOf(() -> ok(a.top().lookup(lookupOf(a, "x")))));
            seqB.add(errnoOf(() -> ok(b.top().lookup(lookupOf(b, "x")))));
        }
        assertThat(seqA).isEqualTo(seqB);
        // Storage answers ENOENT for the misses that were not injected; injected ones never reached it.
        long injected = n - below.count(FopType.LOOKUP) / 2;
        assertThat(injected).isBetween(850L, 1150L);
        assertThat(Set.copyOf(seqA)).isSubsetOf(Errno.ENOENT, Errno.ENOTDIR, Errno.ENAMETOOLONG, Errno.EAGAIN)
                .contains(Errno.ENOTDIR, Errno.ENAMETOOLONG, Errno.EAGAIN);
    }

    @Test
    void errorGenShortWriteSendsHalfTheData() throws Exception {
        Graph g = build("debug/error-gen", Map.of("failure", "100", "error-no", "GF_ERROR_SHORT_WRITE", "enable", "WRITE"));
        FileSystem fs = fs(g);
        FileSystem.Handle h = ok(fs.create(ROOT, "/f", 02, 0644));
        int written = ok(fs.write(ROOT, h, 0, Iovec.of("0123456789".getBytes())));
        assertThat(written).isEqualTo(5);
        assertThat(ok(fs.read(ROOT, h, 0, 100)).toByteArray()).isEqualTo("01234".getBytes());
    }

    @Test
    void errorGenRandomFailureSpacesFailures() throws Exception {
        Graph g = build("debug/error-gen", Map.of("failure", "10", "random-failure", "on", "seed", "3", "enable", "STATFS"));
        List<Integer> failedAt = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (errnoOf(() -> ok(g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)))) != null) {
                failedAt.add(i);
            }
        }
        assertThat(failedAt).hasSizeGreaterThan(40);
        for (int k = 1; k < failedAt.size(); k++) {
            assertThat(failedAt.get(k) - failedAt.get(k - 1)).isBetween(3, 44);
        }
    }

    @Test
    void unknownFopNamesAreRefusedWithASuggestion() {
        assertThatThrownBy(() -> build("debug/error-gen", Map.of("enable", "LOOKUP,reed")))
                .isInstanceOf(VolfileException.class)
                .hasMessageContaining("reed").hasMessageContaining("did you mean 'READ'");
    }

    // ---- trace ----

    @Test
    void traceRecordsTheIncludedFopsAndTheirReplies() throws Exception {
        Graph g = build("debug/trace", Map.of("include-ops", "LOOKUP", "log-history", "on", "log-file", "off"));
        FileSystem fs = fs(g);
        assertThat(errnoOf(() -> ok(fs.lstat(ROOT, "/nope")))).isEqualTo(Errno.ENOENT);
        ok(g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)));
        Map<String, String> d = dump(g, "l0");
        List<String> lines = d.entrySet().stream().filter(e -> e.getKey().startsWith("history.")).map(Map.Entry::getValue).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("1: LOOKUP").contains("path=/nope");
        assertThat(lines.get(1)).contains("1: LOOKUP reply op_ret=-1 op_errno=2 (ENOENT)");
    }

    @Test
    void traceRefusesIncludeAndExcludeTogether() {
        assertThatThrownBy(() -> build("debug/trace", Map.of("include-ops", "LOOKUP", "exclude-ops", "STAT")))
                .hasMessageContaining("include-ops").hasMessageContaining("exclude-ops");
    }

    // ---- io-stats ----

    @Test
    void ioStatsCountsFopsBytesAndBlockSizesInValidJson(@TempDir Path dir) throws Exception {
        Graph g = build("debug/io-stats", Map.of("count-fop-hits", "on", "latency-measurement", "on",
                "ios-dump-dir", dir.toString()));
        FileSystem fs = fs(g);
        FileSystem.Handle h = ok(fs.create(ROOT, "/f", 02, 0644));
        for (int i = 0; i < 3; i++) {
            ok(fs.write(ROOT, h, i * 4096L, Iovec.of(new byte[4096])));
        }
        ok(fs.write(ROOT, h, 20000, Iovec.of(new byte[100])));
        ok(fs.read(ROOT, h, 0, 8192));
        for (int i = 0; i < 7; i++) {
            errnoOf(() -> ok(fs.lstat(ROOT, "/missing")));
        }
        var xl = (io.rxlator.xlators.debug.iostats.IoStatsTranslator) g.translator("l0");
        JsonNode j = JSON.readTree(xl.json());
        String p = "gluster.l0.aggr.";
        assertThat(j.get(p + "bytes_written").asLong()).isEqualTo(3 * 4096 + 100);
        assertThat(j.get(p + "bytes_read").asLong()).isEqualTo(8192);
        assertThat(j.get(p + "write_4kb").asLong()).isEqualTo(3);
        assertThat(j.get(p + "write_64b").asLong()).isEqualTo(1);
        assertThat(j.get(p + "read_8kb").asLong()).isEqualTo(1);
        assertThat(j.get(p + "fop.write.count").asLong()).isEqualTo(4);
        assertThat(j.get(p + "fop.lookup.count").asLong()).isEqualTo(below.count(FopType.LOOKUP));
        assertThat(j.get(p + "fop.lookup.errors").asLong()).isGreaterThanOrEqualTo(7);
        double min = j.get(p + "fop.write.latency_min_usec").asDouble();
        double p50 = j.get(p + "fop.write.latency_p50_usec").asDouble();
        double max = j.get(p + "fop.write.latency_max_usec").asDouble();
        assertThat(min).isPositive().isLessThanOrEqualTo(p50);
        assertThat(p50).isLessThanOrEqualTo(max);
        // The dump ended the interval, which had the writes: the next one starts empty.
        assertThat(j.get("gluster.l0.inter.fop.write.per_sec").asDouble()).isPositive();
        JsonNode next = JSON.readTree(xl.json());
        assertThat(next.has("gluster.l0.inter.fop.write.per_sec")).isFalse();
        assertThat(next.get(p + "fop.write.count").asLong()).isEqualTo(4);
    }

    @Test
    void ioStatsCountsOpenFdsItSawOpenedAndNoOthers() throws Exception {
        Graph g = build("debug/io-stats", Map.of("dump-fd-stats", "on"));
        FileSystem fs = fs(g);
        FileSystem.Handle a = ok(fs.create(ROOT, "/a", 02, 0644));
        FileSystem.Handle b = ok(fs.create(ROOT, "/b", 02, 0644));
        // An fd this io-stats never saw opened, released through the graph.
        io.rxlator.runtime.inode.Fd foreign = g.inodeTable().newFd(g.inodeTable().newInode(), 0, 0);
        g.translator("l0").release(foreign);
        ok(fs.close(ROOT, a).then(Mono.just(1)));
        Map<String, String> d = dump(g, "l0");
        assertThat(d.get("open_fds")).isEqualTo("1");
        assertThat(d.get("max_open_fds")).isEqualTo("2");
        ok(fs.close(ROOT, b).then(Mono.just(1)));
        assertThat(dump(g, "l0").get("open_fds")).isEqualTo("0");
    }

    @Test
    void ioStatsLatencyIsInMicroseconds() throws Exception {
        // delay-gen below io-stats holds every lookup 3 ms (real time): io-stats must say >= 3000 us.
        Graph g = build(List.of(Map.entry("debug/delay-gen", Map.of("delay-percentage", "100", "delay-duration", "3000",
                        "enable", "LOOKUP")),
                Map.entry("debug/io-stats", Map.of("latency-measurement", "on", "count-fop-hits", "on"))));
        for (int i = 0; i < 5; i++) {
            errnoOf(() -> ok(g.top().lookup(lookupOf(g, "x"))));
        }
        JsonNode j = JSON.readTree(((io.rxlator.xlators.debug.iostats.IoStatsTranslator) g.translator("l1")).json());
        assertThat(j.get("gluster.l1.aggr.fop.lookup.count").asLong()).isEqualTo(5);
        assertThat(j.get("gluster.l1.aggr.fop.lookup.latency_min_usec").asDouble()).isGreaterThanOrEqualTo(3000);
        // and not nanoseconds under a microsecond label (3 ms would read 3,000,000).
        assertThat(j.get("gluster.l1.aggr.fop.lookup.latency_p50_usec").asDouble()).isGreaterThanOrEqualTo(3000)
                .isLessThan(1_000_000);
        assertThat(j.get("gluster.l1.aggr.fop.lookup.latency_max_usec").asDouble()).isLessThan(1_000_000);
    }

    @Test
    void everyIoStatsDumpsOnTheXattrAndStorageKeepsNothing(@TempDir Path dir) throws Exception {
        Map<String, String> opts = Map.of("count-fop-hits", "on", "ios-dump-dir", dir.toString());
        Graph g = build(List.of(Map.entry("debug/io-stats", opts), Map.entry("debug/io-stats", opts)));
        FileSystem fs = fs(g);
        ok(fs.mkdir(ROOT, "/d", 0755));
        ok(fs.setxattr(ROOT, "/", "trusted.io-stats-dump", Bytes.utf8("/tmp/mine"), 0).then(Mono.just(1)));
        assertThat(Files.readString(dir.resolve("tmp-mine.l0"))).contains("=== Cumulative stats ===").contains("MKDIR");
        assertThat(Files.readString(dir.resolve("tmp-mine.l1"))).contains("=== Interval 0 stats ===").contains("MKDIR");
        ok(fs.setxattr(ROOT, "/", "trusted.io-stats-1234_json_dump", Bytes.utf8("j"), 0).then(Mono.just(1)));
        assertThat(JSON.readTree(dir.resolve("j.l1").toFile()).get("gluster.l1.aggr.fop.mkdir.count").asLong()).isEqualTo(1);
        assertThat(errnoOf(() -> ok(fs.getxattr(ROOT, "/", "trusted.io-stats-dump")))).isEqualTo(Errno.ENODATA);
        // A name that climbs out of the dump directory is refused; the setxattr still succeeds.
        ok(fs.setxattr(ROOT, "/", "trusted.io-stats-dump", Bytes.utf8("../escape"), 0).then(Mono.just(1)));
        try (var files = Files.list(dir.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("escape"));
        }
    }

    @Test
    void ioStatsShowsInStatedumpsAndOverJmx() throws Exception {
        Graph g = build("debug/io-stats", Map.of("count-fop-hits", "on", "latency-measurement", "on"));
        ok(fs(g).mkdir(ROOT, "/d", 0755));
        assertThat(g.statedump().toString()).contains("l0.latency.MKDIR=CNT:1 ERR:0");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("io.rxlator:type=io-stats,name=\"l0\",*"), null);
        assertThat(names).isNotEmpty();
        boolean found = false;
        for (ObjectName n : names) {
            JsonNode j = JSON.readTree((String) server.getAttribute(n, "Json"));
            found |= j.path("gluster.l0.aggr.fop.mkdir.count").asLong() == 1;
        }
        assertThat(found).isTrue();
        g.close();
        for (ObjectName n : server.queryNames(new ObjectName("io.rxlator:type=io-stats,name=\"l0\",*"), null)) {
            // a closed graph leaves nothing registered behind it
            assertThat(names).doesNotContain(n);
        }
    }

    @Test
    void ioStatsWritesPeriodicDumps(@TempDir Path dir) throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
        virtual = true;
        Graph g = build("debug/io-stats", Map.of("count-fop-hits", "on", "ios-dump-interval", "5", "ios-dump-format", "text",
                "ios-dump-dir", dir.toString()));
        ok(fs(g).mkdir(ROOT, "/d", 0755));
        assertThat(dir.resolve("l0.dump")).doesNotExist();
        clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(Files.readString(dir.resolve("l0.dump"))).contains("=== Interval 0 stats ===").contains("MKDIR");
        clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(Files.readString(dir.resolve("l0.dump"))).contains("=== Interval 1 stats ===");
    }
}
