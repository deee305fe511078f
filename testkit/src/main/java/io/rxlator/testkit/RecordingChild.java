package io.rxlator.testkit;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A stub terminal for tests: records every request and event it receives and answers with
 * what the test programmed (by default, a sample reply from {@link FopFixtures}). It is a
 * test double, registered only in the registries tests build, never published.
 */
public final class RecordingChild {

    /** The type name of the stub ({@code test/recording}). */
    public static final String TYPE = "test/recording";

    private final List<FopRequest<?>> requests = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<FopType, Function<FopRequest<?>, Mono<? extends FopReply>>> answers =
            new EnumMap<>(FopType.class);
    private final FopFixtures fixtures;
    private volatile Function<FopRequest<?>, Mono<? extends FopReply>> fallback;

    public RecordingChild() {
        this(new FopFixtures(0));
    }

    public RecordingChild(FopFixtures fixtures) {
        this.fixtures = fixtures;
        this.fallback = r -> Mono.just(fixtures.reply(r.type()));
    }

    /** A descriptor making a translator that is this stub, under {@link #TYPE}. */
    public TranslatorDescriptor descriptor() {
        return descriptor(TYPE);
    }

    /** A descriptor making a translator that is this stub, under another type name. */
    public TranslatorDescriptor descriptor(String type) {
        return TranslatorDescriptor.builder(type).arity(Arity.NONE)
                .description("test double: records requests, answers as programmed")
                .maturity(TranslatorDescriptor.Maturity.TEST)
                .factory(ctx -> new Stub()).build();
    }

    /** Answers {@code type} with {@code answer}. */
    public synchronized RecordingChild answer(FopType type, Function<FopRequest<?>, Mono<? extends FopReply>> answer) {
        answers.put(type, answer);
        return this;
    }

    /** Answers every fop not programmed otherwise with {@code answer}. */
    public RecordingChild answerAll(Function<FopRequest<?>, Mono<? extends FopReply>> answer) {
        this.fallback = answer;
        return this;
    }

    /** Answers {@code type} with the failure {@code errno}. */
    public RecordingChild fail(FopType type, Errno errno) {
        return answer(type, r -> Mono.error(FopException.of(errno)));
    }

    /** Every request received, in order. */
    public List<FopRequest<?>> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one fop received, in order. */
    public List<FopRequest<?>> requests(FopType type) {
        List<FopRequest<?>> out = new ArrayList<>();
        for (FopRequest<?> r : requests) {
            if (r.type() == type) {
                out.add(r);
            }
        }
        return out;
    }

    public int count(FopType type) {
        return requests(type).size();
    }

    /** The last request received, or null. */
    public FopRequest<?> last() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    /** The events that reached the stub. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    public void clear() {
        requests.clear();
        events.clear();
    }

    public FopFixtures fixtures() {
        return fixtures;
    }

    private synchronized Function<FopRequest<?>, Mono<? extends FopReply>> answerFor(FopType type) {
        Function<FopRequest<?>, Mono<? extends FopReply>> a = answers.get(type);
        return a != null ? a : fallback;
    }

    private final class Stub implements Translator {
        @Override
        public Mono<? extends FopReply> handle(FopRequest<?> request) {
            requests.add(request);
            return answerFor(request.type()).apply(request);
        }

        @Override
        public void notify(Event event, Notifier notifier) {
            events.add(event);
            notifier.forward(event);
        }
    }
}
