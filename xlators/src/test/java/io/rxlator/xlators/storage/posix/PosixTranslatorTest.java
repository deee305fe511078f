package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.client.FileSystem.Handle;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.fop.Readv;
import io.rxlator.runtime.fop.ReadvReply;
import io.rxlator.runtime.fop.Writev;
import io.rxlator.runtime.fop.WritevReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.fop.XdataKeys;
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
    void readsAndWritesThatAskForNoAttributesGetNoneAndTheRestGetTheFileAsItIsAfter() {
        Xdata none = Xdata.of(XdataKeys.NO_ATTRIBUTES, 1);
        Handle h = create("/attrs", 0644);
        byte[] first = "first write".getBytes();
        byte[] second = "and a second".getBytes();

        WritevReply quiet = ok(fs.top().writev(new Writev(ROOT, h.fd(), Iovec.wrap(first), 0, 0, none)));
        assertThat(quiet.written()).isEqualTo(first.length);
        assertThat(quiet.prebuf()).isEqualTo(Iatt.EMPTY);
        assertThat(quiet.postbuf()).isEqualTo(Iatt.EMPTY);
        WritevReply told = ok(fs.top().writev(new Writev(ROOT, h.fd(), Iovec.wrap(second), first.length, 0, Xdata.EMPTY)));
        assertThat(told.prebuf().size()).as("prebuf: after the first write").isEqualTo(first.length);
        assertThat(told.postbuf().size()).isEqualTo(first.length + second.length);
        assertThat(told.postbuf().flags() & Iatt.VALID_BASIC).isEqualTo(Iatt.VALID_BASIC);
        assertThat(told.postbuf().gfid()).isEqualTo(h.fd().inode().gfid());

        ReadvReply plain = ok(fs.top().readv(new Readv(ROOT, h.fd(), 100, 0, 0, none)));
        assertThat(plain.stbuf()).isEqualTo(Iatt.EMPTY);
        assertThat(plain.vector().toByteArray()).isEqualTo((new String(first) + new String(second)).getBytes());
        ReadvReply full = ok(fs.top().readv(new Readv(ROOT, h.fd(), 100, 5, 0, Xdata.EMPTY)));
        assertThat(full.stbuf().size()).isEqualTo(first.length + second.length);
        assertThat(full.stbuf().flags() & Iatt.VALID_BASIC).isEqualTo(Iatt.VALID_BASIC);
        assertThat(full.vector().toByteArray()).isEqualTo((" write" + new String(second)).getBytes());
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
