package io.rxlator.fuse.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what an asynchronous message from the kernel makes true: RELEASE after close(2)
 * returned, FORGET after an inode left the kernel's cache.
 */
public final class Await {

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }
}
