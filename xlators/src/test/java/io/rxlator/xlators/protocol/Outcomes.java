package io.rxlator.xlators.protocol;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** How a call through a protocol client ended, waited for at most 30 s. */
final class Outcomes {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Outcomes() {
    }

    /** The value; a failure is thrown. */
    static <T> T ok(Mono<T> m) {
        return m.block(WAIT);
    }

    /** The errno it failed with, or null when it succeeded. */
    static @Nullable Errno errno(Mono<?> m) {
        try {
            m.block(WAIT);
            return null;
        } catch (FopException e) {
            return e.errno();
        }
    }
}
