package io.rxlator.xlators.storage.memory;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code storage/memory} through {@link java.util.ServiceLoader}. */
public final class MemoryDescriptor extends DelegatingDescriptor {

    public MemoryDescriptor() {
        super(MemoryTranslator.DESCRIPTOR);
    }
}
