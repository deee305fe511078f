package io.rxlator.xlators.protocol.server;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code protocol/server} through {@link java.util.ServiceLoader}. */
public final class ServerDescriptor extends DelegatingDescriptor {

    public ServerDescriptor() {
        super(ServerTranslator.DESCRIPTOR);
    }
}
