package io.rxlator.testkit;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Runs one translator above a {@link RecordingChild} in a real graph (our
 * {@code EmbeddedChannel}): what the translator winds shows up in {@link #child()}, what it
 * answers comes back from {@link #call}. A translator that takes no children runs alone.
 *
 * <pre>{@code
 * try (TranslatorHarness h = TranslatorHarness.of(Rot13.DESCRIPTOR)) {
 *     StepVerifier.create(h.call(readv)).assertNext(r -> ...).verifyComplete();
 *     assertThat(h.child().count(FopType.READV)).isEqualTo(1);
 * }
 * }</pre>
 */
public final class TranslatorHarness implements AutoCloseable {

    /** The volume name of the translator under test. */
    public static final String UNDER_TEST = "under-test";
    /** The volume name of the recording child. */
    public static final String CHILD = "child";

    private final Graph graph;
    private final RecordingChild child;
    private final FopFixtures fixtures;

    private TranslatorHarness(Graph graph, RecordingChild child, FopFixtures fixtures) {
        this.graph = graph;
        this.child = child;
        this.fixtures = fixtures;
    }

    /** The translator with no options set. */
    public static TranslatorHarness of(TranslatorDescriptor descriptor) throws VolfileException {
        return builder(descriptor).build();
    }

    public static Builder builder(TranslatorDescriptor descriptor) {
        return new Builder(descriptor);
    }

    /** Winds a request into the translator under test. */
    public <R extends FopReply> Mono<R> call(FopRequest<R> request) {
        return graph.top().call(request);
    }

    public RecordingChild child() {
        return child;
    }

    public Graph graph() {
        return graph;
    }

    /** Fixtures whose inodes and fds live in the graph's inode table. */
    public FopFixtures fixtures() {
        return fixtures;
    }

    public Translator translator() {
        return graph.translator(UNDER_TEST);
    }

    @Override
    public void close() {
        graph.close();
    }

    /** Options and seed for a harness. */
    public static final class Builder {
        private final TranslatorDescriptor descriptor;
        private final Map<String, String> options = new LinkedHashMap<>();
        private long seed = 1;
        private boolean start = true;

        private Builder(TranslatorDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Leaves the graph unstarted (no PARENT_UP) for tests of the lifecycle. */
        public Builder unstarted() {
            start = false;
            return this;
        }

        public TranslatorHarness build() throws VolfileException {
            InodeTable table = new InodeTable();
            FopFixtures fixtures = new FopFixtures(seed, table);
            RecordingChild child = new RecordingChild(new FopFixtures(seed + 1, table));
            boolean hasChild = descriptor.arity().accepts(1);
            Volfile.Builder v = Volfile.builder();
            if (hasChild) {
                v.volume(CHILD, child.descriptor(), b -> { });
            }
            v.volume(UNDER_TEST, descriptor, b -> {
                options.forEach(b::option);
                if (hasChild) {
                    b.subvolumes(CHILD);
                }
            });
            Graph graph = Graph.build(v.build(), TranslatorRegistry.empty(), table);
            if (start) {
                graph.start();
            }
            return new TranslatorHarness(graph, child, fixtures);
        }
    }
}
