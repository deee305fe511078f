package io.rxlator.xlators.debug.delaygen;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.debug.common.FopListType;
import io.rxlator.xlators.debug.common.Chance;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code debug/delay-gen}: holds a percentage of the selected fops for a while before they go
 * down, modelling a slow disk or network. GlusterFS's delay-gen sleeps the calling thread; this
 * one starts a timer and blocks nothing, so a delayed fop costs no thread while it waits.
 */
public final class DelayGenTranslator implements Translator {

    public static final String TYPE = "debug/delay-gen";

    public static final Option<Double> PERCENTAGE = Option.percent("delay-percentage").defaultValue("10%")
            .description("Percentage of the selected fops that are delayed.").reconfigurable();
    public static final Option<Long> DURATION = Option.integer("delay-duration").defaultValue("100000")
            .range(0, 3_600_000_000L)
            .description("How long a delayed fop waits before it goes down, in microseconds.").reconfigurable();
    public static final Option<Set<FopType>> ENABLE = FopListType.option("enable")
            .description("The fops that may be delayed, by GlusterFS name (LOOKUP, READ, WRITE, …); empty: all.")
            .reconfigurable();
    public static final Option<Long> SEED = Option.integer("seed").defaultValue("0").range(0, Long.MAX_VALUE)
            .description("Seed of the choice of which fops are delayed, so runs repeat; 0: a different seed every time.");

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.ONE)
            .options(PERCENTAGE, DURATION, ENABLE, SEED, CommonOptions.PASS_THROUGH)
            .description("Delays a percentage of the selected fops by a fixed time, with a timer (no thread waits).")
            .factory(DelayGenTranslator::new)
            .build();

    private final Subvolume child;
    private final Scheduler timer = Schedulers.parallel();
    private final Chance chance;
    private volatile Settings settings;
    private final LongAdder delayed = new LongAdder();
    private final LongAdder passed = new LongAdder();

    private record Settings(boolean[] selected, double percent, Duration delay) {
    }

    DelayGenTranslator(TranslatorContext ctx) {
        this.child = ctx.firstChild();
        this.chance = new Chance(ctx.options().get(SEED));
        reconfigure(ctx.options());
    }

    @Override
    public void reconfigure(Options options) {
        settings = new Settings(Chance.selection(options.get(ENABLE)), options.get(PERCENTAGE),
                Duration.ofNanos(options.get(DURATION) * 1000));
    }

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        Settings s = settings;
        if (!s.selected[request.type().ordinal()] || !chance.hits(s.percent)) {
            passed.increment();
            return child.call(request);
        }
        delayed.increment();
        return Mono.delay(s.delay, timer).then(child.call(request));
    }

    @Override
    public void dump(DumpWriter out) {
        Settings s = settings;
        out.put("delay-percentage", s.percent).put("delay-duration-us", s.delay.toNanos() / 1000)
                .put("delayed", delayed.sum()).put("not-delayed", passed.sum());
    }
}
