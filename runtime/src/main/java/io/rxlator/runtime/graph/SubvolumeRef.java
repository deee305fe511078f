package io.rxlator.runtime.graph;

import java.util.Objects;

/** One name on a volume's {@code subvolumes} line, with its line number (0 when built in code). */
public record SubvolumeRef(String name, int line) {

    public SubvolumeRef {
        Objects.requireNonNull(name, "name");
    }
}
