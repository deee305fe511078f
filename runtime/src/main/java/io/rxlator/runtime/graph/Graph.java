package io.rxlator.runtime.graph;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.internal.Node;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A built, immutable graph of translators (GlusterFS's {@code glusterfs_graph_t}).
 *
 * <p>{@link #build} checks the volfile against the registry, reporting every problem at
 * once, then makes the translators last-defined first (GlusterFS's init order) and computes
 * how each fop is routed past translators that do not handle it. Nothing is half-built: if a
 * factory fails, the translators already made are closed and the failure is reported with
 * the volume's file and line. {@link #start()} sends PARENT_UP to every volume without a
 * parent; storage answers CHILD_UP, which climbs to the top and completes
 * {@link #childUp()}. {@link #close()} sends PARENT_DOWN and closes the translators children
 * first.
 *
 * <p>Fops enter through {@link #top()}.
 */
public final class Graph implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Graph.class);

    private enum State { BUILT, STARTED, CLOSED }

    private final Volfile volfile;
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final Node top;
    private final InodeTable table;
    private final List<Problem> warnings;
    private final List<ContextKey<?>> keys;
    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final Sinks.Empty<Void> childUpSink = Sinks.empty();
    private final Sinks.Empty<Void> closedSink = Sinks.empty();
    private final InodeTable.Listener tableListener = new TableListener();
    private volatile boolean childUp;
    private volatile State state = State.BUILT;

    private Graph(Volfile volfile, List<Node> nodes, InodeTable table, List<Problem> warnings, List<ContextKey<?>> keys) {
        this.volfile = volfile;
        this.nodes = List.copyOf(nodes);
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.put(n.name(), n);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.top = nodes.get(nodes.size() - 1);
        this.table = table;
        this.warnings = List.copyOf(warnings);
        this.keys = keys;
    }

    // ---- building ----

    /** Builds the graph with a fresh inode table. */
    public static Graph build(Volfile volfile, TranslatorRegistry registry) throws VolfileException {
        return build(volfile, registry, new InodeTable());
    }

    /**
     * Checks and builds {@code volfile}.
     *
     * @param table the inode table the graph's inodes and context slots live in
     * @throws VolfileException with every problem found, or the factory failure
     */
    public static Graph build(Volfile volfile, TranslatorRegistry registry, InodeTable table) throws VolfileException {
        return build(volfile, Set.of(), registry, table, new ArrayList<>());
    }

    /**
     * Reads, checks and builds a volfile, reporting syntax and graph problems together.
     *
     * @throws IOException if the file cannot be read
     */
    public static Graph load(Path file, TranslatorRegistry registry, InodeTable table) throws IOException, VolfileException {
        String text = Volfile.readText(file);
        List<Problem> problems = new ArrayList<>();
        Set<String> broken = new LinkedHashSet<>();
        List<VolumeSpec> volumes = VolfileParser.parse(text, file.toString(), problems, broken);
        return build(Volfile.of(volumes, file.toString()), broken, registry, table, problems);
    }

    /**
     * Every problem in volfile text, syntax and graph alike, warnings included; nothing is
     * built. An empty list means the volfile would build.
     */
    public static List<Problem> check(String text, String source, TranslatorRegistry registry) {
        List<Problem> problems = new ArrayList<>();
        Set<String> broken = new LinkedHashSet<>();
        List<VolumeSpec> volumes = VolfileParser.parse(text, source, problems, broken);
        GraphCheck.check(Volfile.of(volumes, source), broken, registry, problems);
        return problems;
    }

    private static Graph build(Volfile volfile, Set<String> broken, TranslatorRegistry registry, InodeTable table,
            List<Problem> problems) throws VolfileException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(table, "table");
        List<GraphCheck.Checked> checked = GraphCheck.check(volfile, broken, registry, problems);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new VolfileException(problems);
        }
        List<Problem> warnings = List.copyOf(problems);
        for (Problem w : warnings) {
            LOG.warn("{}", w);
        }
        Map<String, Node> byName = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (GraphCheck.Checked c : checked) {
            Node n = new Node(c.spec().name(), c.descriptor(), sourceOf(volfile, c.spec()), c.options());
            for (String child : c.spec().subvolumeNames()) {
                n.addChild(byName.get(child));
            }
            byName.put(n.name(), n);
            nodes.add(n);
        }
        List<ContextKey<?>> keys = Collections.synchronizedList(new ArrayList<>());
        Graph graph = new Graph(volfile, nodes, table, warnings, keys);
        graph.instantiate(volfile);
        for (Node n : nodes) {
            n.computeRoute();
        }
        table.addListener(graph.tableListener);
        return graph;
    }

    private static String sourceOf(Volfile volfile, VolumeSpec spec) {
        String file = volfile.source() == null ? "<java>" : volfile.source();
        return spec.line() > 0 ? file + ":" + spec.line() : file;
    }

    /** Makes the translators last-defined first; on a failure closes what was made and throws. */
    private void instantiate(Volfile spec) throws VolfileException {
        List<Node> made = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            n.setTopListener(n == top ? this::fromTop : e -> LOG.debug("volume '{}' is not below the top; "
                    + "its {} goes nowhere", n.name(), e.type()));
            Translator t;
            try {
                t = n.descriptor().create(new NodeContext(n, table, keys::add));
                if (t == null) {
                    throw new IllegalStateException("the factory returned null");
                }
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                VolumeSpec v = spec.volume(n.name()).orElseThrow();
                closeAll(made);
                table.clearContext(keys);
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new VolfileException(List.of(Problem.error(spec.source(), v.line(), n.name(),
                        n.type() + " failed to initialise: " + why)));
            }
            n.setTranslator(t);
            made.add(n);
        }
    }

    /** Closes the given nodes children first (the reverse of the order they were made in). */
    private static void closeAll(List<Node> madeParentsFirst) {
        for (int i = madeParentsFirst.size() - 1; i >= 0; i--) {
            Node n = madeParentsFirst.get(i);
            Translator t = n.translatorOrNull();
            if (t == null) {
                continue;
            }
            try {
                t.close();
            } catch (Throwable e) {
                n.logger().error("translator '{}' ({}) failed to close", n.name(), n.type(), e);
            }
        }
    }

    // ---- structure ----

    /** Where fops enter: the last volume defined. */
    public Subvolume top() {
        return top;
    }

    /** The volume called {@code name}, or null. */
    public @Nullable Subvolume volume(String name) {
        return byName.get(name);
    }

    /** The volume names in definition order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The translator of volume {@code name} (for tests and tools), or null. */
    public @Nullable Translator translator(String name) {
        Node n = byName.get(name);
        return n == null ? null : n.translatorOrNull();
    }

    /** The volfile the graph was built from. */
    public Volfile volfile() {
        return volfile;
    }

    /** The warnings found while checking (unreachable volumes). */
    public List<Problem> warnings() {
        return warnings;
    }

    public InodeTable inodeTable() {
        return table;
    }

    // ---- lifecycle ----

    /** Sends PARENT_UP to every volume without a parent, as GlusterFS does once a graph is ready. */
    public void start() {
        synchronized (this) {
            if (state != State.BUILT) {
                throw new IllegalStateException("graph is " + state.name().toLowerCase());
            }
            state = State.STARTED;
        }
        for (Node n : roots()) {
            n.deliver(Event.of(EventType.PARENT_UP));
        }
    }

    public boolean isStarted() {
        return state == State.STARTED;
    }

    /** Completes once CHILD_UP has reached the top: the graph can serve fops. */
    public Mono<Void> childUp() {
        return childUpSink.asMono();
    }

    /** True while the last of CHILD_UP / CHILD_DOWN to reach the top was CHILD_UP. */
    public boolean isChildUp() {
        return childUp;
    }

    /** Receives every event that comes up out of the top translator. */
    public void addListener(Consumer<Event> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    /** Sends an event down from above the top, e.g. SIGHUP. */
    public void sendDown(Event event) {
        if (!event.type().goesDown()) {
            throw new IllegalArgumentException(event.type() + " does not go down a graph");
        }
        for (Node n : roots()) {
            n.deliver(event);
        }
    }

    private void fromTop(Event event) {
        if (event.type() == EventType.CHILD_UP) {
            childUp = true;
            childUpSink.tryEmitEmpty();
        } else if (event.type() == EventType.CHILD_DOWN) {
            childUp = false;
        }
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (Throwable e) {
                LOG.error("graph listener failed on {}", event.type(), e);
            }
        }
    }

    private List<Node> roots() {
        List<Node> out = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).parentNodes().isEmpty()) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }

    /**
     * Tears the graph down: PARENT_DOWN to the roots, every further call fails with ENOTCONN,
     * translators are closed children first, and their context is dropped from the inode
     * table. Closing twice does nothing.
     */
    @Override
    public void close() {
        State was;
        synchronized (this) {
            was = state;
            if (was == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        if (was == State.STARTED) {
            for (Node n : roots()) {
                n.deliver(Event.of(EventType.PARENT_DOWN));
            }
        }
        FopException closed = FopException.of(Errno.ENOTCONN, "the graph is closed");
        synchronized (this) {
            for (Node n : nodes) {
                n.disable(closed);
            }
        }
        childUpSink.tryEmitError(FopException.of(Errno.ENOTCONN, "the graph was closed before CHILD_UP reached its top"));
        // Definition order puts children before parents.
        List<Node> parentsFirst = new ArrayList<>(nodes);
        Collections.reverse(parentsFirst);
        closeAll(parentsFirst);
        table.removeListener(tableListener);
        table.clearContext(keys);
        childUp = false;
        closedSink.tryEmitEmpty();
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Completes once the graph is closed and its translators have finished closing. */
    public Mono<Void> whenClosed() {
        return closedSink.asMono();
    }

    // ---- reconfigure ----

    /** What {@link #reconfigure} did. */
    public record Reconfiguration(boolean applied, String reason, List<String> changed, List<String> failures) {

        static Reconfiguration rebuild(String reason) {
            return new Reconfiguration(false, reason, List.of(), List.of());
        }
    }

    /**
     * Applies a changed volfile in place when it has the same topology (the same volumes with
     * the same types and children in the same order) and every changed option is
     * reconfigurable: options are switched and {@code reconfigure} called children first, as
     * GlusterFS does, and routing is recomputed (a pass-through switch takes effect at once).
     * Otherwise nothing changes and the result says why a rebuild is needed.
     *
     * @throws VolfileException if the new volfile has problems; the graph is left as it was
     */
    public synchronized Reconfiguration reconfigure(Volfile newVolfile, TranslatorRegistry registry)
            throws VolfileException {
        if (state == State.CLOSED) {
            throw new IllegalStateException("graph is closed");
        }
        List<Problem> problems = new ArrayList<>();
        List<GraphCheck.Checked> checked = GraphCheck.check(newVolfile, Set.of(), registry, problems);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new VolfileException(problems);
        }
        String why = topologyDifference(checked);
        if (why != null) {
            return Reconfiguration.rebuild(why);
        }
        Map<Node, Options> updates = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        for (GraphCheck.Checked c : checked) {
            Node n = byName.get(c.spec().name());
            Set<String> keysChanged = n.options().changedKeys(c.options());
            for (String k : keysChanged) {
                Option<?> decl = c.options().declarationOf(k);
                if (decl == null || !decl.isReconfigurable()) {
                    return Reconfiguration.rebuild("option '" + k + "' of volume '" + n.name()
                            + "' cannot be changed in a running graph");
                }
                changed.add(n.name() + "." + k);
            }
            if (!keysChanged.isEmpty()) {
                updates.put(n, c.options());
            }
        }
        List<String> failures = new ArrayList<>();
        for (Node n : nodes) { // children first
            Options o = updates.get(n);
            if (o == null) {
                continue;
            }
            n.setOptions(o);
            try {
                n.translatorOrNull().reconfigure(o);
            } catch (Throwable e) {
                failures.add("volume '" + n.name() + "': " + e);
                n.logger().error("translator '{}' ({}) failed to reconfigure", n.name(), n.type(), e);
            }
        }
        for (Node n : nodes) {
            n.computeRoute();
        }
        return new Reconfiguration(true, changed.isEmpty() ? "no option changed" : "options changed", changed, failures);
    }

    private @Nullable String topologyDifference(List<GraphCheck.Checked> checked) {
        if (checked.size() != nodes.size()) {
            return "the number of volumes changed from " + nodes.size() + " to " + checked.size();
        }
        for (GraphCheck.Checked c : checked) {
            Node n = byName.get(c.spec().name());
            if (n == null) {
                return "volume '" + c.spec().name() + "' is new";
            }
            if (!c.descriptor().type().equals(n.type())) {
                return "volume '" + n.name() + "' changed type from " + n.type() + " to " + c.descriptor().type();
            }
            List<String> now = n.childNodes().stream().map(Node::name).toList();
            if (!now.equals(c.spec().subvolumeNames())) {
                return "volume '" + n.name() + "' changed subvolumes from " + now + " to " + c.spec().subvolumeNames();
            }
        }
        if (!checked.get(checked.size() - 1).spec().name().equals(top.name())) {
            return "the top volume changed";
        }
        return null;
    }

    // ---- statedump ----

    /** A state dump in GlusterFS's format: the graph, each translator's state, the inode table. */
    public DumpWriter statedump() {
        DumpWriter out = new DumpWriter();
        out.section("graph").put("top", top.name()).put("volumes", nodes.size()).put("state",
                state.name().toLowerCase()).put("child_up", childUp);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            out.section("xlator." + n.name())
                    .put("type", n.type())
                    .put("source", n.source())
                    .put("subvolumes", String.join(" ", n.childNodes().stream().map(Node::name).toList()))
                    .put("pass_through", n.isPassThrough())
                    .put("handles", n.handledFops().stream().map(f -> f.glusterName()).toList());
            n.options().written().forEach((k, v) -> out.put("option." + k, v));
            n.dump(out);
        }
        table.dump(out, "inode-table", 100);
        return out;
    }

    private final class TableListener implements InodeTable.Listener {
        @Override
        public void forgotten(Inode inode) {
            for (Node n : nodes) {
                n.forget(inode);
            }
        }

        @Override
        public void released(Fd fd) {
            for (Node n : nodes) {
                n.release(fd);
            }
        }

        @Override
        public void invalidated(Inode inode) {
            for (Node n : nodes) {
                n.invalidate(inode);
            }
        }
    }

    @Override
    public String toString() {
        return "Graph[top=" + top.name() + ", volumes=" + byName.keySet() + "]";
    }
}
