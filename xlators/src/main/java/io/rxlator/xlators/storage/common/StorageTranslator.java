package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.Entrylk;
import io.rxlator.runtime.fop.EntrylkReply;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.Fentrylk;
import io.rxlator.runtime.fop.FentrylkReply;
import io.rxlator.runtime.fop.Finodelk;
import io.rxlator.runtime.fop.FinodelkReply;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Inodelk;
import io.rxlator.runtime.fop.InodelkReply;
import io.rxlator.runtime.fop.Lease;
import io.rxlator.runtime.fop.LeaseReply;
import io.rxlator.runtime.fop.Lk;
import io.rxlator.runtime.fop.LkReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.fop.XdataKeys;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/**
 * What every storage translator shares. It answers the lock fops and lease as storage does
 * when features/locks is not loaded above it: ENOSYS, with a CRITICAL-level log now and then,
 * as GlusterFS's storage/posix does.
 */
public abstract class StorageTranslator extends ForwardingTranslator {

    private static final java.util.regex.Pattern STATS_DUMP = java.util.regex.Pattern.compile(".*io.*stat.*dump");

    /**
     * {@code dict} without the keys that ask debug/io-stats for a dump ({@code trusted.io-stats-dump}
     * and the like): they are for the translators above, which dump and send them on so every
     * io-stats sees them; storage keeps nothing of them (GlusterFS's posix drops the same key).
     */
    protected static io.rxlator.runtime.fop.Xattrs withoutStatsDumpRequests(io.rxlator.runtime.fop.Xattrs dict) {
        io.rxlator.runtime.fop.Xattrs out = dict;
        for (String k : dict.names()) {
            if (STATS_DUMP.matcher(k).matches()) {
                out = out.without(k);
            }
        }
        return out;
    }


    private static final int LOG_EVERY = 1000;

    private final String volume;
    private final Logger logger;
    private final AtomicLong lockCalls = new AtomicLong();

    protected StorageTranslator(TranslatorContext ctx) {
        super(ctx);
        this.volume = ctx.name();
        this.logger = ctx.logger();
    }

    /**
     * The failure a lock fop gets; logs the first call and every thousandth after it (probes
     * aside: they only ask whether locks are handled).
     */
    private <T> Mono<T> locksNotLoaded(String fop, Xdata xdata) {
        if (!xdata.contains(XdataKeys.PROBE) && lockCalls.getAndIncrement() % LOG_EVERY == 0) {
            logger.error("CRITICAL: \"features/locks\" translator is not loaded above '{}'. You need to use it for "
                    + "proper functioning of your application ({} answered with ENOSYS)", volume, fop);
        }
        return Mono.error(FopException.of(Errno.ENOSYS, fop + ": features/locks is not loaded above '" + volume + "'"));
    }

    @Override
    protected Mono<LkReply> lk(Lk req) {
        return locksNotLoaded("LK", req.xdata());
    }

    @Override
    protected Mono<InodelkReply> inodelk(Inodelk req) {
        return locksNotLoaded("INODELK", req.xdata());
    }

    @Override
    protected Mono<FinodelkReply> finodelk(Finodelk req) {
        return locksNotLoaded("FINODELK", req.xdata());
    }

    @Override
    protected Mono<EntrylkReply> entrylk(Entrylk req) {
        return locksNotLoaded("ENTRYLK", req.xdata());
    }

    @Override
    protected Mono<FentrylkReply> fentrylk(Fentrylk req) {
        return locksNotLoaded("FENTRYLK", req.xdata());
    }

    @Override
    protected Mono<LeaseReply> lease(Lease req) {
        return locksNotLoaded("LEASE", req.xdata());
    }
}
