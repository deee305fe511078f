package io.rxlator.xlators.debug.delaygen;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code debug/delay-gen} through {@link java.util.ServiceLoader}. */
public final class DelayGenDescriptor extends DelegatingDescriptor {

    public DelayGenDescriptor() {
        super(DelayGenTranslator.DESCRIPTOR);
    }
}
