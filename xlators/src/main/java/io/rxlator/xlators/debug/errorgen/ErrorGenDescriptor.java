package io.rxlator.xlators.debug.errorgen;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code debug/error-gen} through {@link java.util.ServiceLoader}. */
public final class ErrorGenDescriptor extends DelegatingDescriptor {

    public ErrorGenDescriptor() {
        super(ErrorGenTranslator.DESCRIPTOR);
    }
}
