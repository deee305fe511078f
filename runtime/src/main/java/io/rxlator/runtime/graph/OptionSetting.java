package io.rxlator.runtime.graph;

import java.util.Objects;

/** An {@code option KEY VALUE} line of a volume, with its line number (0 when built in code). */
public record OptionSetting(String key, String value, int line) {

    public OptionSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
