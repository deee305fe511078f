package io.rxlator.xlators.features.negative;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code features/negative} (and {@code performance/nl-cache}) through {@link java.util.ServiceLoader}. */
public final class NegativeDescriptor extends DelegatingDescriptor {

    public NegativeDescriptor() {
        super(NegativeTranslator.DESCRIPTOR);
    }
}
