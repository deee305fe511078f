package io.rxlator.xlators.support;

import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.concurrent.atomic.AtomicLongArray;

/** A test translator ({@code test/count}) that counts the fops passing through it. */
public final class FopCounter {

    public static final String TYPE = "test/count";

    private final AtomicLongArray counts = new AtomicLongArray(FopType.values().length);

    public TranslatorDescriptor descriptor() {
        return TranslatorDescriptor.builder(TYPE).arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) request -> {
                counts.incrementAndGet(request.type().ordinal());
                return child.call(request);
            };
        }).build();
    }

    public long count(FopType type) {
        return counts.get(type.ordinal());
    }

    public void reset() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
    }
}
