package io.rxlator.xlators.debug.iostats;

import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.FopType;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/** Every Nth fop, kept in a bounded ring: time, fop, latency and caller. */
final class Samples {

    private final AtomicLong seen = new AtomicLong();
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private int capacity = 1024;

    synchronized void resize(int newCapacity) {
        capacity = newCapacity;
        while (ring.size() > capacity) {
            ring.removeFirst();
        }
    }

    void offer(int every, FopType type, long latencyNanos, CallContext caller) {
        if (seen.incrementAndGet() % every != 0) {
            return;
        }
        long micros = System.currentTimeMillis() * 1000;
        String line = micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000) + "," + type.glusterName() + ","
                + latencyNanos + "," + caller.uid() + "," + caller.gid() + "," + caller.pid();
        synchronized (this) {
            if (ring.size() >= capacity) {
                ring.removeFirst();
            }
            ring.addLast(line);
        }
    }

    /** The samples, oldest first, one per line: seconds.micros,FOP,latency-ns,uid,gid,pid. */
    synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (String s : ring) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    synchronized int size() {
        return ring.size();
    }
}
