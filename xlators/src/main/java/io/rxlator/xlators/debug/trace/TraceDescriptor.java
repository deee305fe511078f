package io.rxlator.xlators.debug.trace;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code debug/trace} through {@link java.util.ServiceLoader}. */
public final class TraceDescriptor extends DelegatingDescriptor {

    public TraceDescriptor() {
        super(TraceTranslator.DESCRIPTOR);
    }
}
