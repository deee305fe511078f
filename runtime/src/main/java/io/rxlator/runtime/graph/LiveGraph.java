package io.rxlator.runtime.graph;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.inode.InodeTable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The graph a mount or a server is running, which a changed volfile may replace while fops
 * are in flight.
 *
 * <p>{@link #apply} first tries the change in place ({@link Graph#reconfigure}: same
 * topology, reconfigurable options, children first). Otherwise it builds and starts a new
 * graph on the same inode table, waits until CHILD_UP reaches its top, sends new calls to it,
 * and closes the old graph once the calls already in it have finished (or after a grace
 * period), as GlusterFS switches a fuse mount to a new graph. If the new volfile has problems
 * or the new graph does not come up, nothing changes.
 *
 * <p>Old graphs are closed on a scheduler of their own, never on the thread of the call that
 * happened to finish last. Fds opened through an old graph keep their context in that
 * graph's translators; the owner of the fds reopens them on the new graph (GlusterFS's fd
 * migration).
 */
public final class LiveGraph implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveGraph.class);

    /** How long a new graph may take to report CHILD_UP before a switch is given up. */
    public static final Duration DEFAULT_SWITCH_TIMEOUT = Duration.ofSeconds(30);
    /** How long an old graph may keep calls in flight before it is closed anyway. */
    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofMinutes(2);

    /** What {@link #apply} did. */
    public record Applied(boolean rebuilt, int generation, String reason, Graph.Reconfiguration inPlace) {
    }

    private final class Generation {
        final Graph graph;
        final int number;
        final AtomicLong inflight = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean retiring;

        Generation(Graph graph, int number) {
            this.graph = graph;
            this.number = number;
        }

        void release() {
            if (inflight.decrementAndGet() == 0 && retiring) {
                closeSoon();
            }
        }

        void retire(Duration grace) {
            retiring = true;
            if (inflight.get() == 0) {
                closeSoon();
            } else {
                closer.schedule(this::closeNow, grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void closeSoon() {
            if (!closed.get()) {
                closer.schedule(this::closeNow);
            }
        }

        void closeNow() {
            if (closed.compareAndSet(false, true)) {
                long left = inflight.get();
                LOG.info("closing graph generation {} (top '{}'){}", number, graph.top().name(),
                        left > 0 ? " with " + left + " calls still in it after the grace period" : "");
                graph.close();
                retired.remove(this);
            }
        }
    }

    private final TranslatorRegistry registry;
    private final InodeTable table;
    private final Duration switchTimeout;
    private final Duration drainGrace;
    private final Scheduler closer;
    private final List<Generation> retired = new CopyOnWriteArrayList<>();
    private volatile Generation current;

    private LiveGraph(TranslatorRegistry registry, InodeTable table, Graph first, Duration switchTimeout,
            Duration drainGrace) {
        this.registry = registry;
        this.table = table;
        this.switchTimeout = switchTimeout;
        this.drainGrace = drainGrace;
        this.closer = Schedulers.newSingle("rxlator-graph-closer", true);
        this.current = new Generation(first, 1);
    }

    /**
     * Builds and starts the first graph.
     *
     * @throws VolfileException with every problem of the volfile
     */
    public static LiveGraph start(Volfile volfile, TranslatorRegistry registry, InodeTable table) throws VolfileException {
        return start(volfile, registry, table, DEFAULT_SWITCH_TIMEOUT, DEFAULT_DRAIN_GRACE);
    }

    /** Like {@link #start(Volfile, TranslatorRegistry, InodeTable)} with other timeouts. */
    public static LiveGraph start(Volfile volfile, TranslatorRegistry registry, InodeTable table, Duration switchTimeout,
            Duration drainGrace) throws VolfileException {
        Graph g = Graph.build(volfile, registry, table);
        g.start();
        return new LiveGraph(registry, table, g, switchTimeout, drainGrace);
    }

    /** The graph new calls go to. */
    public Graph graph() {
        return current.graph;
    }

    /** 1 for the first graph, one more for each rebuild. */
    public int generation() {
        return current.number;
    }

    public InodeTable inodeTable() {
        return table;
    }

    /**
     * Winds {@code request} into the current graph's top; the graph is picked when the call
     * is subscribed and kept open until the call ends.
     */
    public <R extends FopReply> Mono<R> call(FopRequest<R> request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> {
            Generation g = acquire();
            return g.graph.top().call(request).doFinally(s -> g.release());
        });
    }

    private Generation acquire() {
        while (true) {
            Generation g = current;
            g.inflight.incrementAndGet();
            if (g == current) {
                return g;
            }
            // Switched while we were counting ourselves in: undo and use the new one.
            g.release();
        }
    }

    /**
     * Applies a changed volfile: in place when the topology and the option declarations
     * allow it, otherwise by switching to a new graph once it is up. Blocks while the new graph
     * comes up, so do not call it on a non-blocking thread.
     *
     * @throws VolfileException if the volfile has problems, a translator of the new graph fails
     *     to initialise, or the new graph does not report CHILD_UP in time; the running graph
     *     is untouched
     */
    public synchronized Applied apply(Volfile volfile) throws VolfileException {
        Generation old = current;
        Graph.Reconfiguration r = old.graph.reconfigure(volfile, registry);
        if (r.applied()) {
            return new Applied(false, old.number, r.reason(), r);
        }
        LOG.info("rebuilding the graph: {}", r.reason());
        Graph next = Graph.build(volfile, registry, table);
        next.start();
        try {
            next.childUp().block(switchTimeout);
        } catch (RuntimeException e) {
            next.close();
            String why = e.getCause() instanceof java.util.concurrent.TimeoutException || e.getMessage() != null
                    && e.getMessage().startsWith("Timeout")
                    ? "did not report CHILD_UP within " + switchTimeout.toSeconds() + "s"
                    : "failed to come up: " + e.getMessage();
            throw new VolfileException(List.of(Problem.error(volfile.source(), 0, volfile.top().name(),
                    "the new graph " + why + "; the running graph is unchanged")));
        }
        current = new Generation(next, old.number + 1);
        retired.add(old);
        old.retire(drainGrace);
        return new Applied(true, old.number + 1, r.reason(), r);
    }

    /** Closes the current graph and every old one still draining. */
    @Override
    public synchronized void close() {
        current.retiring = true;
        current.closeNow();
        for (Generation g : List.copyOf(retired)) {
            g.closeNow();
        }
        closer.dispose();
    }
}
