package io.rxlator.xlators.debug.iostats;

import io.rxlator.runtime.xlator.DelegatingDescriptor;

/** Publishes {@code debug/io-stats} through {@link java.util.ServiceLoader}. */
public final class IoStatsDescriptor extends DelegatingDescriptor {

    public IoStatsDescriptor() {
        super(IoStatsTranslator.DESCRIPTOR);
    }
}
