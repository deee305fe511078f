package io.rxlator.runtime.graph;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong (or worth a warning) in a volfile or a graph: where it is (file, line,
 * volume, option key and value) and what was expected.
 *
 * @param file the volfile's name, or null for a graph built in code
 * @param line the 1-based line, or 0 when there is none
 */
public record Problem(
        Severity severity,
        @Nullable String file,
        int line,
        @Nullable String volume,
        @Nullable String key,
        @Nullable String value,
        String message) {

    /** Errors stop a graph from being built; warnings do not. */
    public enum Severity {
        ERROR, WARNING
    }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(@Nullable String file, int line, @Nullable String volume, String message) {
        return new Problem(Severity.ERROR, file, line, volume, null, null, message);
    }

    public static Problem warning(@Nullable String file, int line, @Nullable String volume, String message) {
        return new Problem(Severity.WARNING, file, line, volume, null, null, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code my.vol:7: error: volume 'p', option 'directroy': unknown option ...} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<java>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ");
        if (volume != null) {
            sb.append("volume '").append(volume).append('\'');
            if (key != null) {
                sb.append(", option '").append(key).append('\'');
                if (value != null) {
                    sb.append(" value '").append(value).append('\'');
                }
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
