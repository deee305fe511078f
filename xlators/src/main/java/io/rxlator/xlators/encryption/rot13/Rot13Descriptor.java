package io.rxlator.xlators.encryption.rot13;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code encryption/rot-13} through {@link java.util.ServiceLoader}. */
public final class Rot13Descriptor extends DelegatingDescriptor {

    public Rot13Descriptor() {
        super(Rot13Translator.DESCRIPTOR);
    }
}
