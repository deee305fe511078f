package io.rxlator.xlators.protocol.client;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code protocol/client} through {@link java.util.ServiceLoader}. */
public final class ClientDescriptor extends DelegatingDescriptor {

    public ClientDescriptor() {
        super(ClientTranslator.DESCRIPTOR);
    }
}
