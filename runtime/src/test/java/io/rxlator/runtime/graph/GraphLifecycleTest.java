package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class GraphLifecycleTest {

    /** Everything the test translators do, in order. */
    private final List<String> journal = new CopyOnWriteArrayList<>();

    private final class Journaling extends ForwardingTranslator {
        private final String name;
        private final TranslatorContext context;
        private final ContextKey<String> key;

        Journaling(TranslatorContext context) {
            super(context);
            this.name = context.name();
            this.context = context;
            this.key = context.newContextKey(String.class);
            journal.add("init " + name);
        }

        @Override
        public void notify(Event event, Notifier notifier) {
            journal.add(name + " got " + event.type() + (event.source() == null ? "" : " from " + event.source().name()));
            super.notify(event, notifier);
        }

        @Override
        public void forget(Inode inode) {
            journal.add("forget " + name + " " + inode.get(key));
        }

        @Override
        public void release(Fd fd) {
            journal.add("release " + name + " " + fd.get(key));
        }

        @Override
        public void releasedir(Fd fd) {
            journal.add("releasedir " + name);
        }

        @Override
        public void dump(DumpWriter out) {
            out.section(name + ".priv").put("children", context.children().size());
        }

        @Override
        public void close() {
            journal.add("fini " + name);
        }
    }

    private TranslatorDescriptor journaling(String type, Arity arity) {
        return TranslatorDescriptor.builder(type).arity(arity).factory(Journaling::new).build();
    }

    private TranslatorRegistry registry() {
        return TranslatorRegistry.of(journaling("test/leaf", Arity.NONE), journaling("test/one", Arity.ONE),
                journaling("test/many", Arity.AT_LEAST_ONE),
                TranslatorDescriptor.builder("test/broken").arity(Arity.ONE).factory(ctx -> {
                    throw new IllegalStateException("cannot open /nope");
                }).build());
    }

    private Volfile diamond() {
        // top -> mid -> {a, b}; a and b are leaves.
        return Volfile.builder()
                .volume("a", "test/leaf")
                .volume("b", "test/leaf")
                .volume("mid", "test/many", v -> v.subvolumes("a", "b"))
                .volume("top", "test/one", v -> v.subvolumes("mid"))
                .build();
    }

    @Test
    void translatorsAreMadeLastDefinedFirstAndClosedChildrenFirst() throws Exception {
        Graph g = Graph.build(diamond(), registry());
        assertThat(journal).containsExactly("init top", "init mid", "init b", "init a");
        journal.clear();
        g.close();
        assertThat(journal).containsExactly("fini a", "fini b", "fini mid", "fini top");
        journal.clear();
        g.close();
        assertThat(journal).isEmpty();
    }

    @Test
    void parentUpGoesDownAndChildUpComesBackUpFromEachLeaf() throws Exception {
        try (Graph g = Graph.build(diamond(), registry())) {
            List<Event> fromTop = new CopyOnWriteArrayList<>();
            g.addListener(fromTop::add);
            journal.clear();
            assertThat(g.isChildUp()).isFalse();
            g.start();
            assertThat(journal).containsExactly(
                    "top got PARENT_UP",
                    "mid got PARENT_UP",
                    "a got PARENT_UP",
                    "mid got CHILD_UP from a",
                    "top got CHILD_UP from mid",
                    "b got PARENT_UP",
                    "mid got CHILD_UP from b",
                    "top got CHILD_UP from mid");
            assertThat(fromTop).extracting(Event::type).containsExactly(EventType.CHILD_UP, EventType.CHILD_UP);
            assertThat(fromTop.get(0).source().name()).isEqualTo("top");
            assertThat(g.isChildUp()).isTrue();
            StepVerifier.create(g.childUp()).expectComplete().verify(Duration.ofSeconds(5));
            assertThatThrownBy(g::start).hasMessageContaining("started");
        }
    }

    @Test
    void closeSendsParentDownThenFailsCallsWithEnotconn() throws Exception {
        Graph g = Graph.build(diamond(), registry());
        g.start();
        journal.clear();
        g.close();
        assertThat(journal.subList(0, 3)).containsExactly("top got PARENT_DOWN", "mid got PARENT_DOWN", "a got PARENT_DOWN");
        assertThat(journal).endsWith("fini a", "fini b", "fini mid", "fini top");
        StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(FopException.class,
                        f -> assertThat(f.errno()).isEqualTo(Errno.ENOTCONN)))
                .verify();
        assertThat(g.isClosed()).isTrue();
    }

    @Test
    void aFactoryThatFailsClosesWhatWasMadeAndNamesTheVolume() {
        Volfile v = Volfile.builder()
                .volume("a", "test/leaf")
                .volume("bad", "test/broken", b -> b.subvolumes("a"))
                .volume("top", "test/one", b -> b.subvolumes("bad"))
                .build();
        assertThatThrownBy(() -> Graph.build(v, registry())).isInstanceOfSatisfying(VolfileException.class, e ->
                assertThat(e.errors()).singleElement().hasToString(
                        "<java>: error: volume 'bad': test/broken failed to initialise: cannot open /nope"));
        assertThat(journal).containsExactly("init top", "fini top");
    }

    @Test
    void callbacksReachEveryTranslatorWithItsOwnContext() throws Exception {
        InodeTable table = new InodeTable();
        Graph g = Graph.build(diamond(), registry(), table);
        g.start();
        Inode f = table.linkAndLookup(table.newInode(), table.root(), "f",
                Iatt.builder().gfid(Gfid.random()).type(IaType.REGULAR).build());
        Fd fd = table.newFd(f, 0, 1);
        Fd dirFd = table.newDirFd(table.root(), 1);
        journal.clear();
        fd.release();
        dirFd.release();
        table.unlink(f, table.root(), "f");
        table.forget(f, 1);
        assertThat(journal).containsExactlyInAnyOrder(
                "release a null", "release b null", "release mid null", "release top null",
                "releasedir a", "releasedir b", "releasedir mid", "releasedir top",
                "forget a null", "forget b null", "forget mid null", "forget top null");
        g.close();
        journal.clear();
        Inode h = table.linkAndLookup(table.newInode(), table.root(), "h",
                Iatt.builder().gfid(Gfid.random()).type(IaType.REGULAR).build());
        table.forget(h, 1);
        table.unlink(h, table.root(), "h");
        assertThat(journal).as("a closed graph gets no callbacks").isEmpty();
    }

    @Test
    void statedumpShowsTheGraphTheTranslatorsAndTheInodeTable() throws Exception {
        try (Graph g = Graph.build(diamond(), registry())) {
            g.start();
            DumpWriter d = g.statedump();
            assertThat(d.sections()).startsWith("graph", "xlator.top").contains("mid.priv", "inode-table");
            assertThat(d.entries("graph")).containsEntry("top", "top").containsEntry("child_up", "true");
            assertThat(d.entries("xlator.mid")).containsEntry("subvolumes", "a b").containsEntry("type", "test/many");
            assertThat(d.entries("mid.priv")).containsEntry("children", "2");
            assertThat(d.toString()).contains("[xlator.top]\ntype=test/one\n");
        }
    }

    @Test
    void sendDownOnlyTakesDownwardEvents() throws Exception {
        try (Graph g = Graph.build(diamond(), registry())) {
            journal.clear();
            g.sendDown(Event.of(EventType.SIGHUP));
            assertThat(journal).contains("top got SIGHUP", "a got SIGHUP", "b got SIGHUP");
            assertThatThrownBy(() -> g.sendDown(Event.of(EventType.CHILD_UP))).hasMessageContaining("does not go down");
        }
    }
}
