package io.rxlator.xlators.features.negative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.support.FopCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * features/negative over storage/memory, with a counter between them showing what reaches the
 * child, on virtual time.
 */
class NegativeTranslatorTest {

    private static final CallContext ROOT = CallContext.ROOT;

    private VirtualTimeScheduler clock;
    private Graph graph;
    private FileSystem fs;
    private final FopCounter below = new FopCounter();

    private static Volfile volfile(String type, Map<String, String> options) {
        return Volfile.builder()
                .volume("store", "storage/memory")
                .volume("gate", GATE_TYPE, vol -> vol.subvolumes("store"))
                .volume("count", FopCounter.TYPE, vol -> vol.subvolumes("gate"))
                .volume("nl", type, vol -> {
                    options.forEach(vol::option);
                    vol.subvolumes("count");
                })
                .build();
    }

    private TranslatorRegistry registry() throws Exception {
        return TranslatorRegistry.load().with(below.descriptor(), gateDescriptor());
    }

    private void build(String type, Map<String, String> options) throws Exception {
        clock = VirtualTimeScheduler.getOrSet();
        InodeTable table = new InodeTable();
        graph = Graph.build(volfile(type, options), registry(), table);
        graph.start();
        fs = new FileSystem(graph.top(), table);
    }

    private void build(Map<String, String> options) throws Exception {
        build(NegativeTranslator.TYPE, options);
    }

    @AfterEach
    void close() {
        if (graph != null) {
            graph.close();
        }
        VirtualTimeScheduler.reset();
    }

    private static final String GATE_TYPE = "test/gate";
    /** While set, the answer to a lookup of this name is held until {@link #gate} completes. */
    private volatile String gatedName;
    private final Sinks.Empty<Void> gate = Sinks.empty();
    private final CountDownLatch gatedLookupAnswered = new CountDownLatch(1);

    private TranslatorDescriptor gateDescriptor() {
        return TranslatorDescriptor.builder(GATE_TYPE).arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) request -> {
                if (request instanceof Lookup l && l.loc().name() != null && l.loc().name().equals(gatedName)) {
                    return child.call(request)
                            .doOnEach(sig -> gatedLookupAnswered.countDown())
                            .delayUntil(r -> gate.asMono())
                            .onErrorResume(e -> gate.asMono().then(Mono.error(e)));
                }
                return child.call(request);
            };
        }).build();
    }

    private NegativeTranslator nl() {
        return (NegativeTranslator) graph.translator("nl");
    }

    private static <T> T ok(Mono<T> m) {
        return m.block(Duration.ofSeconds(30));
    }

    private boolean exists(String path) {
        try {
            ok(fs.lstat(ROOT, path));
            return true;
        } catch (FopException e) {
            assertThat(e.errno()).isEqualTo(Errno.ENOENT);
            return false;
        }
    }

    private long childLookups() {
        return below.count(FopType.LOOKUP);
    }

    private Map<String, String> dump() {
        DumpWriter w = new DumpWriter();
        w.section("nl");
        nl().dump(w);
        return w.entries("nl");
    }

    @Test
    void aMissIsAnsweredFromTheCacheTheSecondTime() throws Exception {
        build(Map.of());
        assertThat(exists("/missing")).isFalse();
        assertThat(childLookups()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(exists("/missing")).isFalse();
        }
        assertThat(childLookups()).isEqualTo(1);
        Map<String, String> d = dump();
        assertThat(d.get("negative_lookup_hit_count")).isEqualTo("10");
        assertThat(d.get("negative_lookup_miss_count")).isEqualTo("1");
        assertThat(d.get("entries")).isEqualTo("1");
    }

    @Test
    void existingNamesAlwaysReachTheChild() throws Exception {
        build(Map.of());
        ok(fs.mkdir(ROOT, "/d", 0755));
        below.reset();
        assertThat(exists("/d")).isTrue();
        long perStat = childLookups();
        assertThat(perStat).isPositive();
        for (int i = 0; i < 5; i++) {
            assertThat(exists("/d")).isTrue();
        }
        assertThat(childLookups()).isEqualTo(6 * perStat);
    }

    /** Each way a name can come into existence, after it was cached as missing. */
    static Stream<Arguments> creators() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("create", (Creator) (fs, p) -> ok(fs.create(ROOT, p, 01, 0644).flatMap(h -> fs.close(ROOT, h).thenReturn(h)))));
        out.add(Arguments.of("mkdir", (Creator) (fs, p) -> ok(fs.mkdir(ROOT, p, 0755))));
        out.add(Arguments.of("mknod", (Creator) (fs, p) -> ok(fs.mknod(ROOT, p, 0010644, 0))));
        out.add(Arguments.of("symlink", (Creator) (fs, p) -> ok(fs.symlink(ROOT, "target", p))));
        out.add(Arguments.of("link", (Creator) (fs, p) -> {
            ok(fs.create(ROOT, "/d/other", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
            ok(fs.link(ROOT, "/d/other", p));
        }));
        out.add(Arguments.of("rename", (Creator) (fs, p) -> {
            ok(fs.create(ROOT, "/d/other", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
            ok(fs.rename(ROOT, "/d/other", p).then(Mono.just(1)));
        }));
        out.add(Arguments.of("rename of a directory", (Creator) (fs, p) -> {
            ok(fs.mkdir(ROOT, "/d/otherdir", 0755));
            ok(fs.rename(ROOT, "/d/otherdir", p).then(Mono.just(1)));
        }));
        return out.stream();
    }

    interface Creator extends BiConsumer<FileSystem, String> {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creators")
    void aNameCachedAsMissingIsFoundOnceCreated(String how, Creator creator) throws Exception {
        build(Map.of());
        ok(fs.mkdir(ROOT, "/d", 0755));
        assertThat(exists("/d/name")).isFalse();
        assertThat(exists("/d/name")).isFalse();
        assertThat(nl().cache().entries()).isEqualTo(1);
        // A fresh client table: the name must be found through a lookup, not from the table.
        creator.accept(fs, "/d/name");
        assertThat(nl().cache().holds(ok(fs.lstat(ROOT, "/d")).gfid(), "name")).as(how).isFalse();
        // A client with a table of its own looks the name up and must not be told it is missing.
        FileSystem other = new FileSystem(graph.top(), new InodeTable());
        assertThat(existsIn(other, "/d/name")).as(how).isTrue();
    }

    @Test
    void aNameCachedAsMissingIsFoundAfterCreateEvenWithoutTheInodeTable() throws Exception {
        // GlusterFS's nl-cache keeps the stale entry and relies on its inode table to hide it;
        // here the entry itself is gone.
        build(Map.of());
        assertThat(exists("/f2")).isFalse();
        ok(fs.create(ROOT, "/f2", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        assertThat(nl().cache().holds(Gfid.ROOT, "f2")).isFalse();
        // A nameless-parent lookup, as a second mount would send, with no dentry in any table.
        InodeTable fresh = new InodeTable();
        LookupReply r = ok(graph.top().lookup(new Lookup(ROOT, Loc.root(graph.inodeTable().root()).child("f2", fresh.newInode()), Xdata.EMPTY)));
        assertThat(r.buf().type()).isEqualTo(IaType.REGULAR);
    }

    @Test
    void aLookupOfAStaleGfidDoesNotMakeTheNameMissing() throws Exception {
        build(Map.of());
        ok(fs.create(ROOT, "/f", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        Loc stale = ok(fs.resolve(ROOT, "/f"));
        ok(fs.unlink(ROOT, "/f").then(Mono.just(1)));
        ok(fs.create(ROOT, "/f", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        // Another client still holds the old inode and revalidates it by gfid: the inode is gone.
        assertThatThrownBy(() -> ok(graph.top().lookup(new Lookup(ROOT, stale, Xdata.EMPTY))))
                .satisfies(e -> assertThat(((FopException) e).errno()).isIn(Errno.ENOENT, Errno.ESTALE));
        assertThat(nl().cache().holds(Gfid.ROOT, "f")).isFalse();
        assertThat(existsIn(new FileSystem(graph.top(), new InodeTable()), "/f")).isTrue();
    }

    @Test
    void unlinkAndRmdirRecordTheNameAsMissing() throws Exception {
        build(Map.of());
        ok(fs.create(ROOT, "/f", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        ok(fs.mkdir(ROOT, "/d", 0755));
        ok(fs.unlink(ROOT, "/f").then(Mono.just(1)));
        ok(fs.rmdir(ROOT, "/d").then(Mono.just(1)));
        below.reset();
        assertThat(exists("/f")).isFalse();
        assertThat(exists("/d")).isFalse();
        assertThat(childLookups()).isZero();
    }

    @Test
    void renameRecordsTheOldNameAsMissingAndTheNewAsPresent() throws Exception {
        build(Map.of());
        ok(fs.create(ROOT, "/a", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        assertThat(exists("/b")).isFalse();
        ok(fs.rename(ROOT, "/a", "/b").then(Mono.just(1)));
        below.reset();
        assertThat(exists("/a")).isFalse();
        assertThat(childLookups()).isZero();
        assertThat(exists("/b")).isTrue();
    }

    @Test
    void aFailedCreateStillDropsTheName() throws Exception {
        build(Map.of());
        assertThat(exists("/x")).isFalse();
        // The name exists behind the cache's back (another client), the create fails with EEXIST.
        ok(graph.volume("count").create(new Create(ROOT, Loc.root(graph.inodeTable().root()).child("x", graph.inodeTable().newInode()),
                01 | 0200, 0644, 0, graph.inodeTable().newFd(graph.inodeTable().newInode(), 01, 0), Xdata.EMPTY)));
        assertThat(exists("/x")).isFalse(); // still cached: nobody told us
        assertThatThrownBy(() -> ok(fs.create(ROOT, "/x", 01 | 0200, 0644))).isInstanceOf(FopException.class)
                .satisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.EEXIST));
        assertThat(exists("/x")).isTrue();
    }

    @Test
    void gfidAccessXattrsDropTheWholeDirectory() throws Exception {
        build(Map.of());
        ok(fs.mkdir(ROOT, "/d", 0755));
        assertThat(exists("/d/a")).isFalse();
        assertThat(exists("/d/b")).isFalse();
        assertThat(nl().cache().entries()).isEqualTo(2);
        try {
            ok(fs.setxattr(ROOT, "/d", "glusterfs.gfid.newfile", Bytes.utf8("x"), 0));
        } catch (FopException e) {
            // memory may refuse the key; the cache must drop the directory either way
        }
        assertThat(nl().cache().entries()).isZero();
    }

    @Test
    void entriesExpireAfterTheTimeout() throws Exception {
        build(Map.of("nl-cache-timeout", "5", "prune-interval", "0"));
        assertThat(exists("/late")).isFalse();
        assertThat(exists("/late")).isFalse();
        assertThat(childLookups()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofMillis(4999));
        assertThat(exists("/late")).isFalse();
        assertThat(childLookups()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(exists("/late")).isFalse();
        assertThat(childLookups()).isEqualTo(2);
    }

    @Test
    void aFileCreatedBehindTheCachesBackIsSeenAfterTheTimeout() throws Exception {
        build(Map.of("nl-cache-timeout", "60"));
        assertThat(exists("/foreign")).isFalse();
        // Created below the cache, as another client would.
        FileSystem direct = new FileSystem(graph.volume("count"), new InodeTable());
        ok(direct.create(ROOT, "/foreign", 01, 0644).flatMap(h -> direct.close(ROOT, h)).then(Mono.just(1)));
        assertThat(exists("/foreign")).isFalse();
        clock.advanceTimeBy(Duration.ofSeconds(59));
        assertThat(exists("/foreign")).isFalse();
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(exists("/foreign")).isTrue();
    }

    @Test
    void aNameListedInTheDirectoryIsNoLongerMissing() throws Exception {
        build(Map.of("nl-cache-timeout", "600"));
        ok(fs.mkdir(ROOT, "/d", 0755));
        assertThat(exists("/d/foreign")).isFalse();
        assertThat(exists("/d/other")).isFalse();
        FileSystem direct = new FileSystem(graph.volume("count"), new InodeTable());
        ok(direct.create(ROOT, "/d/foreign", 01, 0644).flatMap(h -> direct.close(ROOT, h)).then(Mono.just(1)));
        assertThat(exists("/d/foreign")).isFalse();
        FileSystem.Handle dir = ok(fs.opendir(ROOT, "/d"));
        List<String> names = fs.list(ROOT, dir, 100, true).map(Dirent::name).collectList().block(Duration.ofSeconds(30));
        assertThat(names).contains("foreign");
        assertThat(exists("/d/foreign")).isTrue();
        assertThat(nl().cache().holds(ok(fs.lstat(ROOT, "/d")).gfid(), "other")).as("names not listed stay cached").isTrue();
    }

    @Test
    void aListingShowingANameACompleteDirectoryLacksDropsTheListing() throws Exception {
        build(Map.of("nl-cache-positive-entry", "on"));
        ok(fs.mkdir(ROOT, "/fresh", 0755));
        FileSystem direct = new FileSystem(graph.volume("count"), new InodeTable());
        ok(direct.create(ROOT, "/fresh/foreign", 01, 0644).flatMap(h -> direct.close(ROOT, h)).then(Mono.just(1)));
        assertThat(exists("/fresh/foreign")).isFalse(); // the directory is believed complete
        FileSystem.Handle dir = ok(fs.opendir(ROOT, "/fresh"));
        assertThat(fs.list(ROOT, dir, 100, true).map(Dirent::name).collectList().block(Duration.ofSeconds(30))).contains("foreign");
        assertThat(existsIn(new FileSystem(graph.top(), new InodeTable()), "/fresh/foreign")).isTrue();
    }

    @Test
    void expiredEntriesArePrunedWithoutBeingLookedUp() throws Exception {
        build(Map.of("nl-cache-timeout", "10", "prune-interval", "3"));
        for (int i = 0; i < 50; i++) {
            assertThat(exists("/n" + i)).isFalse();
        }
        assertThat(nl().cache().entries()).isEqualTo(50);
        clock.advanceTimeBy(Duration.ofSeconds(9));
        assertThat(nl().cache().entries()).isEqualTo(50);
        clock.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(nl().cache().entries()).isZero();
        assertThat(nl().cache().bytes()).isZero();
        assertThat(dump().get("expirations")).isEqualTo("50");
    }

    @Test
    void theEntryLimitEvictsTheLeastRecentlyUsed() throws Exception {
        build(Map.of("entry-limit", "100", "nl-cache-limit", "1MB"));
        for (int i = 0; i < 100; i++) {
            assertThat(exists("/n" + i)).isFalse();
        }
        assertThat(exists("/n0")).isFalse(); // n0 is now the most recently used
        for (int i = 100; i < 150; i++) {
            assertThat(exists("/n" + i)).isFalse();
        }
        assertThat(nl().cache().entries()).isEqualTo(100);
        assertThat(nl().cache().holds(Gfid.ROOT, "n0")).isTrue();
        assertThat(nl().cache().holds(Gfid.ROOT, "n1")).isFalse();
        assertThat(nl().cache().holds(Gfid.ROOT, "n50")).isFalse();
        assertThat(nl().cache().holds(Gfid.ROOT, "n51")).isTrue();
        assertThat(dump().get("evictions")).isEqualTo("50");
    }

    @Test
    void theByteLimitHoldsAsEstimated() throws Exception {
        build(Map.of("nl-cache-limit", "4KB"));
        for (int i = 0; i < 1000; i++) {
            assertThat(exists("/a-rather-long-name-for-a-file-that-is-not-there-" + i)).isFalse();
        }
        long bytes = nl().cache().bytes();
        assertThat(bytes).isPositive().isLessThanOrEqualTo(4096);
        long perEntry = NegativeCache.ENTRY_OVERHEAD + NegativeCache.nameBytes("a-rather-long-name-for-a-file-that-is-not-there-999");
        assertThat(nl().cache().entries()).isEqualTo((4096 - NegativeCache.DIR_OVERHEAD) / perEntry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHILD_UP", "CHILD_DOWN", "PARENT_DOWN"})
    void eventsEmptyTheCache(String type) throws Exception {
        build(Map.of());
        assertThat(exists("/gone")).isFalse();
        assertThat(nl().cache().entries()).isEqualTo(1);
        List<Event> passed = new ArrayList<>();
        nl().notify(Event.of(EventType.valueOf(type)), new Notifier() {
            @Override
            public void up(Event event) {
                passed.add(event);
            }

            @Override
            public void down(Event event) {
                passed.add(event);
            }
        });
        assertThat(passed).hasSize(1);
        assertThat(nl().cache().entries()).isZero();
        assertThat(exists("/gone")).isFalse();
        assertThat(childLookups()).isEqualTo(2);
    }

    @Test
    void aLookupAnsweredAfterACreateDoesNotCacheAStaleMiss() throws Exception {
        build(Map.of());
        gatedName = "raced";
        // The lookup reaches storage (ENOENT) but its answer is held...
        CompletableFuture<Boolean> lookup = CompletableFuture.supplyAsync(() -> exists("/raced"));
        assertThat(gatedLookupAnswered.await(30, TimeUnit.SECONDS)).isTrue();
        // ...while a create of the name completes...
        ok(fs.create(ROOT, "/raced", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        // ...and then the old ENOENT goes up.
        gate.tryEmitEmpty();
        assertThat(lookup.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(nl().cache().holds(Gfid.ROOT, "raced")).isFalse();
        assertThat(existsIn(new FileSystem(graph.top(), new InodeTable()), "/raced")).isTrue();
        assertThat(dump().get("skipped_races")).isEqualTo("1");
    }

    @Test
    void turningPositiveEntriesOffStopsTheirAnswersAtOnce() throws Exception {
        build(Map.of("nl-cache-positive-entry", "on"));
        ok(fs.mkdir(ROOT, "/fresh", 0755));
        below.reset();
        assertThat(exists("/fresh/a")).isFalse();
        assertThat(childLookups()).as("answered from the complete listing").isZero();
        Graph.Reconfiguration r = graph.reconfigure(volfile(NegativeTranslator.TYPE,
                Map.of("nl-cache-positive-entry", "off")), registry());
        assertThat(r.applied()).as(r.reason()).isTrue();
        // The listing was dropped: a name it did not hold is asked for again.
        assertThat(exists("/fresh/b")).isFalse();
        assertThat(childLookups()).isPositive();
    }

    @Test
    void listingADirectoryMadeHereKeepsItsCompleteListing() throws Exception {
        build(Map.of("nl-cache-positive-entry", "on"));
        ok(fs.mkdir(ROOT, "/fresh", 0755));
        ok(fs.create(ROOT, "/fresh/a", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        FileSystem.Handle dir = ok(fs.opendir(ROOT, "/fresh"));
        // Storage lists "." and ".." too; they are in no directory's listing of names.
        assertThat(fs.list(ROOT, dir, 100, true).map(Dirent::name).collectList().block(Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder(".", "..", "a");
        below.reset();
        assertThat(exists("/fresh/never")).isFalse();
        assertThat(childLookups()).as("answered from the complete listing").isZero();
        assertThat(nl().cache().completeDirectories()).isEqualTo(1);
    }

    @Test
    void positiveEntriesAnswerForDirectoriesMadeHere() throws Exception {
        build(Map.of("nl-cache-positive-entry", "on"));
        ok(fs.mkdir(ROOT, "/fresh", 0755));
        ok(fs.create(ROOT, "/fresh/Made", 01, 0644).flatMap(h -> fs.close(ROOT, h)).then(Mono.just(1)));
        below.reset();
        for (int i = 0; i < 20; i++) {
            assertThat(exists("/fresh/never-" + i)).isFalse();
        }
        assertThat(childLookups()).isZero();
        assertThat(exists("/fresh/Made")).isTrue();
        // get_real_filename, as Samba asks it
        assertThat(ok(fs.getxattr(ROOT, "/fresh", NegativeTranslator.GET_REAL_FILENAME + "MADE"))).isEqualTo(Bytes.utf8("Made"));
        assertThatThrownBy(() -> ok(fs.getxattr(ROOT, "/fresh", NegativeTranslator.GET_REAL_FILENAME + "other")))
                .satisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ENOENT));
        // (the client asks twice on ENOENT: once on its cached path, once fresh)
        assertThat(Long.parseLong(dump().get("get_real_filename_hit_count"))).isGreaterThanOrEqualTo(2);
        assertThat(dump().get("get_real_filename_miss_count")).isEqualTo("0");
        assertThat(below.count(FopType.GETXATTR)).isZero();
        // A name made behind our back drops the listing once a lookup finds it.
        FileSystem direct = new FileSystem(graph.volume("count"), new InodeTable());
        ok(direct.create(ROOT, "/fresh/foreign", 01, 0644).flatMap(h -> direct.close(ROOT, h)).then(Mono.just(1)));
        assertThat(exists("/fresh/foreign")).isFalse(); // within the timeout, as GlusterFS
        clock.advanceTimeBy(Duration.ofSeconds(60));
        assertThat(exists("/fresh/foreign")).isTrue();
    }

    @Test
    void answersToGlusterFsTypeAndOptionNames() throws Exception {
        build(NegativeTranslator.GLUSTER_TYPE, Map.of("nl-cache-timeout", "600", "nl-cache-limit", "10MB",
                "nl-cache-positive-entry", "false"));
        assertThat(exists("/m")).isFalse();
        assertThat(exists("/m")).isFalse();
        assertThat(childLookups()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofSeconds(599));
        assertThat(exists("/m")).isFalse();
        assertThat(childLookups()).isEqualTo(1);
    }

    @Test
    void passThroughSendsEveryLookupDown() throws Exception {
        build(Map.of("pass-through", "true"));
        for (int i = 0; i < 5; i++) {
            assertThat(exists("/p")).isFalse();
        }
        assertThat(childLookups()).isEqualTo(5);
    }

    @Test
    void concurrentCreatorsAndLookersAgreeWithTheChild() throws Exception {
        build(Map.of("nl-cache-timeout", "600"));
        int threads = 8;
        int namesPerCreator = 10;
        int rounds = 400;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int me = t;
                all.add(CompletableFuture.runAsync(() -> {
                    await(start);
                    java.util.Random rnd = new java.util.Random(me);
                    // Each thread its own client table, as separate mounts would have.
                    FileSystem mine = new FileSystem(graph.top(), new InodeTable());
                    for (int i = 0; i < rounds; i++) {
                        if (me % 2 == 0) {
                            // A creator owns its names: after its create returns the name must be
                            // found, after its unlink returns it must be missing, whatever the
                            // lookers have cached meanwhile.
                            String p = "/c" + me + "_" + rnd.nextInt(namesPerCreator);
                            ok(mine.create(ROOT, p, 01, 0644).flatMap(h -> mine.close(ROOT, h)).then(Mono.just(1)));
                            String seen = lookupResult(new FileSystem(graph.top(), new InodeTable()), p);
                            if (!seen.equals("found")) {
                                violations.add("missing after create: " + p + " (" + seen + ")");
                            }
                            ok(mine.unlink(ROOT, p).then(Mono.just(1)));
                            if (existsIn(new FileSystem(graph.top(), new InodeTable()), p)) {
                                violations.add("present after unlink: " + p);
                            }
                        } else {
                            existsIn(mine, "/c" + 2 * rnd.nextInt(threads / 2) + "_" + rnd.nextInt(namesPerCreator));
                        }
                    }
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(Long.parseLong(dump().get("negative_lookup_hit_count"))).isPositive();
        FileSystem direct = new FileSystem(graph.volume("count"), new InodeTable());
        for (int t = 0; t < threads; t += 2) {
            for (int k = 0; k < namesPerCreator; k++) {
                String p = "/c" + t + "_" + k;
                assertThat(existsIn(new FileSystem(graph.top(), new InodeTable()), p)).as(p).isEqualTo(existsIn(direct, p));
            }
        }
    }

    private static String lookupResult(FileSystem f, String p) {
        try {
            ok(f.lstat(ROOT, p));
            return "found";
        } catch (FopException e) {
            return e.errno() + ": " + e.getMessage();
        }
    }

    private static boolean existsIn(FileSystem f, String p) {
        try {
            ok(f.lstat(ROOT, p));
            return true;
        } catch (FopException e) {
            return false;
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
