package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.client.FileSystem.Handle;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.internal.IovecSegments;
import io.rxlator.xlators.storage.StorageContract;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTranslatorTest extends StorageContract {

    @TempDir
    Path brick;

    @Override
    protected String type() {
        return PosixTranslator.TYPE;
    }

    @Override
    protected void options(Volfile.VolumeBuilder volume) {
        volume.option("directory", brick.toString()).option("reserve", "0");
    }

    @Test
    void aReadLendsItsArrayAndTheNextReadOnTheSameThreadFillsItAgain() {
        int size = 128 << 10;
        byte[] a = new byte[size];
        byte[] b = new byte[size];
        new Random(71).nextBytes(a);
        new Random(72).nextBytes(b);
        Handle h = create("/lent", 0644);
        write(h, 0, a);
        write(h, size, b);

        Iovec first = ok(fs.read(ROOT, h, 0, size));
        assertThat(first.isLent()).isTrue();
        assertThat(first.toByteArray()).isEqualTo(a);
        byte[] array = IovecSegments.raw(first, 0).array();
        first.release();
        Iovec second = ok(fs.read(ROOT, h, size, size));
        assertThat(IovecSegments.raw(second, 0).array()).as("the array given back").isSameAs(array);
        assertThat(second.toByteArray()).isEqualTo(b);
        assertThatThrownBy(first::toByteArray).isInstanceOf(IllegalStateException.class);

        Iovec kept = second.keep();
        second.release();
        Iovec third = ok(fs.read(ROOT, h, 0, size));
        assertThat(IovecSegments.raw(third, 0).array()).as("a kept array is not reused").isNotSameAs(array);
        assertThat(third.toByteArray()).isEqualTo(a);
        assertThat(kept.toByteArray()).isEqualTo(b);
        third.release();

        Iovec tail = ok(fs.read(ROOT, h, 2L * size - 100, size));
        assertThat(tail.length()).as("a short read at the end").isEqualTo(100);
        assertThat(tail.isLent()).as("copied, so its array is not held").isFalse();
    }
}
