package io.rxlator.xlators.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for every test of this module: a blocking call (a JDK one, any of
 * storage/posix's native calls, a host name lookup for auth.addr) on a thread Reactor marks
 * non-blocking fails the test. The random bytes of a new gfid do not count.
 */
public final class BlockHoundExtension implements BeforeAllCallback {

    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    public static synchronized void install() {
        if (!installed) {
            // install(...) also applies the integrations found on the class path (Reactor's marks
            // its scheduler threads non-blocking); a bare builder would not.
            BlockHound.install(builder -> builder
                    .markAsBlocking("io.rxlator.xlators.storage.posix.Sys", "blocking", "()V")
                    // A host name lookup; the JDK answers some from its cache, so mark ours.
                    .markAsBlocking("io.rxlator.xlators.protocol.server.Auth", "resolve",
                            "(Ljava/lang/String;)[Ljava/net/InetAddress;")
                    // SecureRandom reads /dev/urandom for a gfid's random bytes: the kernel's
                    // generator computes them and never waits once it is seeded at boot.
                    .allowBlockingCallsInside("io.rxlator.runtime.fop.Gfid$Entropy", "nextLong"));
            installed = true;
        }
    }
}
