package io.rxlator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Lookup;
import io.rxlator.runtime.fop.LookupReply;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TranslatorHarnessTest {

    static final Option<Long> BUMP = Option.integer("bump").defaultValue("1");

    /** Adds 'bump' to the size of every stat reply; turns a child's ENOENT on lookup into ESTALE. */
    static final TranslatorDescriptor BUMPER = TranslatorDescriptor.builder("test/bumper").options(BUMP)
            .factory(ctx -> {
                long bump = ctx.options().get(BUMP);
                return new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        return child().stat(request).map(r -> new StatReply(r.buf().withSize(r.buf().size() + bump), r.xdata()));
                    }

                    @Override
                    protected Mono<LookupReply> lookup(Lookup request) {
                        return child().lookup(request).onErrorMap(e -> FopException.is(e, Errno.ENOENT),
                                e -> FopException.of(Errno.ESTALE));
                    }
                };
            }).build();

    @Test
    void theTranslatorRunsAboveARecordingChild() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.builder(BUMPER).option("bump", "10").build()) {
            Stat req = (Stat) h.fixtures().request(FopType.STAT);
            StatReply childReply = new StatReply(Iatt.builder().size(5).build(), req.xdata());
            h.child().answer(FopType.STAT, r -> Mono.just(childReply));
            StepVerifier.create(h.call(req)).assertNext(r -> assertThat(r.buf().size()).isEqualTo(15)).verifyComplete();
            assertThat(h.child().requests()).containsExactly(req);
            assertThat(h.child().count(FopType.STAT)).isEqualTo(1);
            assertThat(h.child().last()).isSameAs(req);
        }
    }

    @Test
    void failuresCanBeProgrammed() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.of(BUMPER)) {
            h.child().fail(FopType.LOOKUP, Errno.ENOENT);
            StepVerifier.create(h.call((Lookup) h.fixtures().request(FopType.LOOKUP)))
                    .expectErrorSatisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ESTALE))
                    .verify();
        }
    }

    @Test
    void fopsTheTranslatorDoesNotHandleReachTheChildUntouched() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.of(BUMPER)) {
            var req = h.fixtures().request(FopType.WRITEV);
            StepVerifier.create(h.call(req)).expectNextCount(1).verifyComplete();
            assertThat(h.child().requests()).containsExactly(req);
        }
    }

    @Test
    void theChildSeesTheLifecycleEvents() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.of(BUMPER)) {
            assertThat(h.child().events()).extracting(e -> e.type()).containsExactly(EventType.PARENT_UP);
            assertThat(h.graph().isChildUp()).isTrue();
            assertThat(h.translator()).isInstanceOf(ForwardingTranslator.class);
        }
    }

    @Test
    void aTerminalRunsAlone() throws Exception {
        TranslatorDescriptor terminal = TranslatorDescriptor.builder("test/alone").arity(Arity.NONE)
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        try (TranslatorHarness h = TranslatorHarness.of(terminal)) {
            StepVerifier.create(h.call(h.fixtures().request(FopType.STAT)))
                    .expectErrorSatisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ENOSYS))
                    .verify();
            assertThat(h.graph().names()).containsExactly(TranslatorHarness.UNDER_TEST);
        }
    }
}
