package io.rxlator.xlators.storage.posix;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code storage/posix} through {@link java.util.ServiceLoader}. */
public final class PosixDescriptor extends DelegatingDescriptor {

    public PosixDescriptor() {
        super(PosixTranslator.DESCRIPTOR);
    }
}
