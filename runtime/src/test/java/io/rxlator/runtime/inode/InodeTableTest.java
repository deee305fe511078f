package io.rxlator.runtime.inode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InodeTableTest {

    private final InodeTable table = new InodeTable();
    private final List<Inode> forgotten = new CopyOnWriteArrayList<>();
    private final List<Fd> released = new CopyOnWriteArrayList<>();

    InodeTableTest() {
        table.addListener(new InodeTable.Listener() {
            @Override
            public void forgotten(Inode inode) {
                forgotten.add(inode);
            }

            @Override
            public void released(Fd fd) {
                released.add(fd);
            }
        });
    }

    private static Iatt stat(IaType type) {
        return Iatt.builder().gfid(Gfid.random()).type(type).build();
    }

    private Inode link(Inode parent, String name, IaType type) {
        return table.link(table.newInode(), parent, name, stat(type));
    }

    @Test
    void linkMakesTheInodeFindableByGfidAndName() {
        Inode dir = link(table.root(), "d", IaType.DIRECTORY);
        Inode file = link(dir, "f", IaType.REGULAR);
        assertThat(table.find(file.gfid())).isSameAs(file);
        assertThat(table.grep(dir, "f")).isSameAs(file);
        assertThat(table.grep(table.root(), "d")).isSameAs(dir);
        assertThat(table.grep(dir, "nope")).isNull();
        assertThat(table.path(file)).isEqualTo("/d/f");
        assertThat(table.path(dir, "x")).isEqualTo("/d/x");
        assertThat(table.path(table.root())).isEqualTo("/");
        assertThat(file.isLinked()).isTrue();
        assertThat(file.type()).isEqualTo(IaType.REGULAR);
    }

    @Test
    void aSecondInodeForAKnownGfidYieldsTheExistingOne() {
        Iatt s = stat(IaType.REGULAR);
        Inode first = table.link(table.newInode(), table.root(), "a", s);
        Inode second = table.link(table.newInode(), table.root(), "b", s); // a hard link
        assertThat(second).isSameAs(first);
        assertThat(first.dentries()).extracting(Dentry::name).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void linkingAnInodeToAnotherGfidIsRefused() {
        Inode f = link(table.root(), "f", IaType.REGULAR);
        assertThatThrownBy(() -> table.link(f, table.root(), "g", stat(IaType.REGULAR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f.gfid().toString());
        assertThatThrownBy(() -> table.link(table.newInode(), table.root(), "z", Iatt.EMPTY))
                .hasMessageContaining("no gfid");
    }

    @Test
    void badNamesAndNonDirectoryParentsAreRefused() {
        Inode file = link(table.root(), "f", IaType.REGULAR);
        for (String bad : new String[] {"", ".", "..", "a/b"}) {
            assertThatThrownBy(() -> link(table.root(), bad, IaType.REGULAR)).hasMessageContaining("not a valid file name");
        }
        assertThatThrownBy(() -> link(file, "x", IaType.REGULAR)).hasMessageContaining("not a linked directory");
    }

    @Test
    void aDirectoryHasOneNameAndCannotBecomeItsOwnAncestor() {
        Inode a = link(table.root(), "a", IaType.DIRECTORY);
        Inode b = link(a, "b", IaType.DIRECTORY);
        Iatt aStat = Iatt.builder().gfid(a.gfid()).type(IaType.DIRECTORY).build();
        assertThatThrownBy(() -> table.link(a, b, "loop", aStat)).hasMessageContaining("its own ancestor");
        Inode c = link(table.root(), "c", IaType.DIRECTORY);
        table.link(b, c, "b2", Iatt.builder().gfid(b.gfid()).type(IaType.DIRECTORY).build());
        assertThat(table.grep(a, "b")).isNull();
        assertThat(table.grep(c, "b2")).isSameAs(b);
        assertThat(b.dentries()).hasSize(1);
    }

    @Test
    void renameMovesTheNameAndDisplacesTheTarget() {
        Inode d1 = link(table.root(), "d1", IaType.DIRECTORY);
        Inode d2 = link(table.root(), "d2", IaType.DIRECTORY);
        Inode src = link(d1, "src", IaType.REGULAR);
        Inode victim = link(d2, "dst", IaType.REGULAR);
        table.rename(d1, "src", d2, "dst", src);
        assertThat(table.grep(d1, "src")).isNull();
        assertThat(table.grep(d2, "dst")).isSameAs(src);
        assertThat(table.path(src)).isEqualTo("/d2/dst");
        // The displaced file had no lookups and no other name: it is purged and forgotten.
        assertThat(victim.isLinked()).isFalse();
        assertThat(forgotten).containsExactly(victim);
        assertThat(table.find(victim.gfid())).isNull();
    }

    @Test
    void forgetPurgesAnInodeWithoutNamesAndCallsBack() {
        Inode f = link(table.root(), "f", IaType.REGULAR);
        table.lookup(f);
        table.lookup(f);
        ContextKey<String> key = table.newContextKey("me", String.class);
        f.put(key, "state");
        table.unlink(f, table.root(), "f");
        assertThat(f.isLinked()).as("the kernel still holds it").isTrue();
        table.forget(f, 1);
        assertThat(f.isLinked()).isTrue();
        table.forget(f, 1);
        assertThat(f.isLinked()).isFalse();
        assertThat(forgotten).containsExactly(f);
        assertThat(f.get(key)).as("context is dropped after forget").isNull();
        assertThat(table.purged()).isEqualTo(1);
    }

    @Test
    void passiveInodesWaitInTheLruUntilItIsFull() {
        InodeTable small = new InodeTable(3);
        List<Inode> gone = new ArrayList<>();
        small.addListener(new InodeTable.Listener() {
            @Override
            public void forgotten(Inode inode) {
                gone.add(inode);
            }
        });
        List<Inode> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Inode in = small.link(small.newInode(), small.root(), "f" + i, stat(IaType.REGULAR));
            small.lookup(in);
            made.add(in);
        }
        for (Inode in : made) {
            small.forget(in, 1);
        }
        assertThat(small.lruSize()).isEqualTo(3);
        assertThat(gone).containsExactly(made.get(0), made.get(1));
        assertThat(small.grep(small.root(), "f0")).isNull();
        assertThat(small.grep(small.root(), "f4")).isSameAs(made.get(4));
        // A lookup takes an inode out of the LRU again.
        small.lookup(made.get(4));
        assertThat(small.lruSize()).isEqualTo(2);
    }

    @Test
    void aDirectoryWithNamedChildrenIsNeverPurged() {
        InodeTable small = new InodeTable(1);
        Inode dir = small.link(small.newInode(), small.root(), "d", stat(IaType.DIRECTORY));
        Inode f = small.linkAndLookup(small.newInode(), dir, "f", stat(IaType.REGULAR));
        assertThat(dir.refs()).as("f's name holds d").isEqualTo(1);
        assertThat(small.lruSize()).isZero();
        small.forget(f, 1);
        assertThat(small.lruSize()).as("f waits in the LRU").isEqualTo(1);
        // Every new passive inode pushes the oldest out of the one-entry LRU; d stays while f is named.
        for (int i = 0; i < 5; i++) {
            small.link(small.newInode(), small.root(), "other" + i, stat(IaType.REGULAR));
            if (f.isLinked()) {
                assertThat(dir.isLinked()).isTrue();
            }
        }
        assertThat(f.isLinked()).isFalse();
        assertThat(dir.refs()).isZero();
        assertThat(small.lruSize()).isEqualTo(1);
    }

    @Test
    void anOpenFdKeepsItsInodeAndReleaseCallsBackOnce() {
        Inode f = link(table.root(), "f", IaType.REGULAR);
        Fd fd = table.newFd(f, 2, 123);
        ContextKey<Integer> key = table.newContextKey("me", Integer.class);
        fd.put(key, 7);
        table.unlink(f, table.root(), "f");
        assertThat(f.isLinked()).as("open fd holds it").isTrue();
        assertThat(table.openFds()).isEqualTo(1);
        fd.release();
        fd.release();
        assertThat(released).containsExactly(fd);
        assertThat(fd.isReleased()).isTrue();
        assertThat(fd.get(key)).isNull();
        assertThat(f.isLinked()).isFalse();
        assertThat(table.openFds()).isZero();
        assertThat(table.newDirFd(table.root(), 1).isDirectory()).isTrue();
        assertThat(table.anonymousFd(table.root()).isAnonymous()).isTrue();
    }

    @Test
    void contextSlotsAreTypedAndIndependent() {
        Inode f = link(table.root(), "f", IaType.REGULAR);
        ContextKey<String> a = table.newContextKey("a", String.class);
        ContextKey<Long> b = table.newContextKey("b", Long.class);
        assertThat(f.get(a)).isNull();
        assertThat(f.computeIfAbsent(a, () -> "x")).isEqualTo("x");
        assertThat(f.computeIfAbsent(a, () -> "y")).isEqualTo("x");
        assertThat(f.put(b, 5L)).isNull();
        assertThat(f.put(b, 6L)).isEqualTo(5L);
        assertThat(f.remove(a)).isEqualTo("x");
        assertThat(f.get(a)).isNull();
        assertThat(f.get(b)).isEqualTo(6L);
        table.clearContext(List.of(b));
        assertThat(f.get(b)).isNull();
        assertThat(f.contextIsEmpty()).isTrue();
    }

    @Test
    void concurrentLinksLookupsForgetsAndUnlinksKeepTheTableConsistent() throws Exception {
        InodeTable t = new InodeTable(64);
        List<Inode> dirs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Inode d = t.link(t.newInode(), t.root(), "d" + i, stat(IaType.DIRECTORY));
            t.lookup(d);
            dirs.add(d);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            long seed = w;
            futures.add(pool.submit(() -> {
                Random r = new Random(seed);
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    Inode dir = dirs.get(r.nextInt(dirs.size()));
                    String name = "f" + r.nextInt(50);
                    switch (r.nextInt(4)) {
                        case 0 -> {
                            t.linkAndLookup(t.newInode(), dir, name, stat(IaType.REGULAR));
                        }
                        case 1 -> {
                            Inode in = t.grep(dir, name);
                            if (in != null) {
                                t.forget(in, 1);
                            }
                        }
                        case 2 -> {
                            Inode in = t.grep(dir, name);
                            if (in != null) {
                                t.unlink(in, dir, name);
                            }
                        }
                        default -> {
                            Inode in = t.grep(dir, name);
                            Inode to = dirs.get(r.nextInt(dirs.size()));
                            if (in != null && in.isLinked()) {
                                try {
                                    t.rename(dir, name, to, name + "r", in);
                                } catch (IllegalArgumentException e) {
                                    // purged between grep and rename by another thread
                                }
                            }
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // Invariants: every name points at a linked inode whose dentries include that name,
        // and the LRU never grew past its limit.
        assertThat(t.lruSize()).isLessThanOrEqualTo(64);
        for (Inode d : dirs) {
            assertThat(d.isLinked()).isTrue();
            for (int i = 0; i < 50; i++) {
                for (String n : new String[] {"f" + i, "f" + i + "r"}) {
                    Inode in = t.grep(d, n);
                    if (in != null) {
                        assertThat(in.isLinked()).isTrue();
                        assertThat(in.dentries()).anyMatch(x -> x.parent() == d && x.name().equals(n));
                        assertThat(t.find(in.gfid())).isSameAs(in);
                    }
                }
            }
        }
    }
}
