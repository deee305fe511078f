package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * How storage answers the lock fops and lease when features/locks is not loaded above it:
 * ENOSYS, with a CRITICAL-level log now and then, as GlusterFS's storage/posix does.
 */
public final class LockFops {

    private static final int LOG_EVERY = 1000;

    private final String volume;
    private final Logger logger;
    private final AtomicLong calls = new AtomicLong();

    public LockFops(String volume, Logger logger) {
        this.volume = volume;
        this.logger = logger;
    }

    /** The failure to answer with; logs the first call and every thousandth after it. */
    public FopException notLoaded(String fop) {
        if (calls.getAndIncrement() % LOG_EVERY == 0) {
            logger.error("CRITICAL: \"features/locks\" translator is not loaded above '{}'. You need to use it for "
                    + "proper functioning of your application ({} answered with ENOSYS)", volume, fop);
        }
        return FopException.of(Errno.ENOSYS, fop + ": features/locks is not loaded above '" + volume + "'");
    }
}
