package io.rxlator.runtime.graph;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.inode.InodeTable;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The graph a mount or a server is running, which a changed volfile may replace while fops
 * are in flight.
 *
 * <p>{@link #apply} first tries the change in place ({@link Graph#reconfigure}: same
 * topology, reconfigurable options, children first). Otherwise it builds and starts a new
 * graph on the same inode table, sends new calls to it, and closes the old graph once the
 * calls already in it have finished, as GlusterFS switches a fuse mount to a new graph. If
 * the new volfile has problems, nothing changes.
 *
 * <p>Fds opened through an old graph keep their context in that graph's translators; the
 * owner of the fds reopens them on the new graph (GlusterFS's fd migration).
 */
public final class LiveGraph implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveGraph.class);

    /** What {@link #apply} did. */
    public record Applied(boolean rebuilt, int generation, String reason, Graph.Reconfiguration inPlace) {
    }

    private static final class Generation {
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
                closeOnce();
            }
        }

        void retire() {
            retiring = true;
            if (inflight.get() == 0) {
                closeOnce();
            }
        }

        void closeOnce() {
            if (closed.compareAndSet(false, true)) {
                LOG.info("closing graph generation {} (top '{}')", number, graph.top().name());
                graph.close();
            }
        }
    }

    private final TranslatorRegistry registry;
    private final InodeTable table;
    private volatile Generation current;

    private LiveGraph(TranslatorRegistry registry, InodeTable table, Graph first) {
        this.registry = registry;
        this.table = table;
        this.current = new Generation(first, 1);
    }

    /**
     * Builds and starts the first graph.
     *
     * @throws VolfileException with every problem of the volfile
     */
    public static LiveGraph start(Volfile volfile, TranslatorRegistry registry, InodeTable table) throws VolfileException {
        Graph g = Graph.build(volfile, registry, table);
        g.start();
        return new LiveGraph(registry, table, g);
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
     * allow it, otherwise by switching to a new graph.
     *
     * @throws VolfileException if the volfile has problems or a translator of the new graph
     *     fails to initialise; the running graph is untouched
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
        current = new Generation(next, old.number + 1);
        old.retire();
        return new Applied(true, old.number + 1, r.reason(), r);
    }

    /** Closes the current graph (and an old one still draining). */
    @Override
    public synchronized void close() {
        current.retiring = true;
        current.closeOnce();
    }
}
