package io.rxlator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Sends every fop through three kinds of pass-through translator stacked over a recording
 * stub, and checks the stub sees exactly the request that was sent and the caller gets
 * exactly the reply, or the failure, the stub gave.
 *
 * <pre>
 *   typed     ForwardingTranslator overriding all 53 fop methods with super calls
 *   lambda    request -> child.call(request), guarded by the runtime on every fop
 *   skipped   ForwardingTranslator overriding nothing: routed past
 *   child     RecordingChild
 * </pre>
 */
class EveryFopPassThroughTest {

    private final RecordingChild child = new RecordingChild();
    private final AtomicReference<EveryFopForwarder> typed = new AtomicReference<>();
    private Graph graph;
    private FopFixtures fixtures;

    @BeforeEach
    void build() throws Exception {
        TranslatorDescriptor skipped = TranslatorDescriptor.builder("test/skipped")
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        TranslatorDescriptor lambda = TranslatorDescriptor.builder("test/lambda")
                .factory(ctx -> {
                    Subvolume next = ctx.firstChild();
                    Translator t = next::call;
                    return t;
                }).build();
        TranslatorDescriptor forwarder = TranslatorDescriptor.builder("test/typed")
                .factory(ctx -> {
                    EveryFopForwarder f = new EveryFopForwarder(ctx);
                    typed.set(f);
                    return f;
                }).build();
        TranslatorRegistry registry = TranslatorRegistry.of(child.descriptor(), skipped, lambda, forwarder);
        Volfile v = Volfile.builder()
                .volume("child", RecordingChild.TYPE)
                .volume("skipped", "test/skipped", b -> b.subvolumes("child"))
                .volume("lambda", "test/lambda", b -> b.subvolumes("skipped"))
                .volume("typed", "test/typed", b -> b.subvolumes("lambda"))
                .build();
        InodeTable table = new InodeTable();
        graph = Graph.build(v, registry, table);
        graph.start();
        fixtures = new FopFixtures(42, table);
    }

    @AfterEach
    void close() {
        graph.close();
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void childSeesTheSameRequestAndCallerTheSameReply(FopType type) {
        FopRequest<?> request = fixtures.request(type);
        FopReply reply = fixtures.reply(type);
        child.answer(type, r -> Mono.just(reply));

        StepVerifier.create(graph.top().call(request))
                .expectNextMatches(r -> r == reply)
                .verifyComplete();

        assertThat(child.requests()).hasSize(1);
        assertThat(child.requests().get(0)).isSameAs(request);
        assertThat(typed.get().calls).containsExactly(type.methodName());
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void callerGetsTheSameFailure(FopType type) {
        FopRequest<?> request = fixtures.request(type);
        FopException failure = FopException.of(Errno.EDQUOT, "quota exceeded on " + type,
                Xdata.of(FopFixtures.SAMPLE_KEY, "why"));
        child.answer(type, r -> Mono.error(failure));

        StepVerifier.create(graph.top().call(request))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(failure))
                .verify();

        assertThat(child.requests()).containsExactly(request);
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void theTranslatorThatOverridesNothingIsRoutedPast(FopType type) {
        // The lambda's child handle points at 'skipped'; calls on it land on 'child'.
        assertThat(((io.rxlator.runtime.internal.Node) graph.volume("skipped")).routeTarget(type)).isEqualTo("child");
        assertThat(((io.rxlator.runtime.internal.Node) graph.volume("typed")).routeTarget(type)).isEqualTo("typed");
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void fixturesMakeRecordsOfTheRightType(FopType type) {
        assertThat(fixtures.request(type).type()).isEqualTo(type);
        assertThat(fixtures.reply(type).type()).isEqualTo(type);
        assertThat(fixtures.request(type)).isInstanceOf(type.requestType());
        assertThat(fixtures.reply(type)).isInstanceOf(type.replyType());
        FopRequest<?> r = fixtures.request(type);
        Xdata other = Xdata.of(FopFixtures.SAMPLE_KEY, "other");
        assertThat(r.withXdata(other).xdata()).isEqualTo(other);
        assertThat(r.withXdata(r.xdata())).isEqualTo(r);
    }
}
