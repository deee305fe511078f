package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.Gfid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which objects the brick keeps fds for once it holds as many as it may. */
class BrickCacheTest {

    static final int LIMIT = 4;

    @TempDir
    Path dir;

    /** A new file on the brick, with its gfid and handle, cached. */
    Gfid make(Brick brick, String name) throws Exception {
        Files.writeString(dir.resolve(name), "x");
        Gfid g = Gfid.random();
        brick.assign(brick.root, name, g, Gfid.ROOT, false);
        try (Brick.Obj o = brick.child(brick.root, name)) {
            brick.remember(o, g);
        }
        return g;
    }

    void use(Brick brick, Gfid g) {
        try (Brick.Obj o = brick.byGfid(g, null)) {
            assertThat(o.gfid()).isEqualTo(g);
        }
    }

    @Test
    void anObjectUsedBetweenArrivalsStaysCached() throws Exception {
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true, LIMIT)) {
            Gfid hot = make(brick, "hot");
            for (int i = 0; i < 200; i++) {
                use(brick, hot);
                make(brick, "f" + i);
                assertThat(brick.isCached(hot)).as("after %d other objects", i + 1).isTrue();
                assertThat(brick.cached()).isEqualTo(Math.min(i + 2, LIMIT));
            }
        }
    }

    @Test
    void theObjectNotUsedSinceTheClockPassedGoesFirst() throws Exception {
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true, LIMIT)) {
            Gfid a = make(brick, "a");
            Gfid b = make(brick, "b");
            Gfid c = make(brick, "c");
            Gfid d = make(brick, "d");
            // Arriving is not a use: the oldest goes.
            Gfid e = make(brick, "e");
            assertThat(brick.isCached(a)).isFalse();
            use(brick, b);
            use(brick, d);
            Gfid f = make(brick, "f");
            assertThat(brick.isCached(c)).as("not used since the clock passed").isFalse();
            for (Gfid kept : new Gfid[] {b, d, e, f}) {
                assertThat(brick.isCached(kept)).isTrue();
            }
        }
    }

    @Test
    void removedObjectsDoNotPileUpInTheClock() throws Exception {
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true, LIMIT)) {
            for (int i = 0; i < 5_000; i++) {
                Gfid g = make(brick, "gone");
                Files.delete(dir.resolve("gone"));
                brick.dropHandle(g);
            }
            assertThat(brick.cached()).isZero();
            assertThat(brick.clockLength()).isLessThanOrEqualTo(2 * LIMIT + 64 + 1);
        }
    }
}
