package io.rxlator.xlators.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem.Handle;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.xlators.storage.StorageContract;
import org.junit.jupiter.api.Test;

class MemoryTranslatorTest extends StorageContract {

    @Override
    protected String type() {
        return MemoryTranslator.TYPE;
    }

    @Override
    protected void options(Volfile.VolumeBuilder volume) {
        volume.option("size", "64MB").option("max-inodes", "20000");
    }

    private MemoryTranslator store() {
        return (MemoryTranslator) graph.translator("storage");
    }

    @Test
    void aFullVolumeSaysEnospcAndGivesSpaceBackWhenFilesGo() {
        Handle h = create("/fill", 0644);
        byte[] mb = new byte[1 << 20];
        int written = 0;
        Errno failure = null;
        for (int i = 0; i < 80 && failure == null; i++) {
            try {
                ok(fs.write(ROOT, h, (long) i << 20, Iovec.wrap(mb)));
                written++;
            } catch (io.rxlator.runtime.fop.FopException e) {
                failure = e.errno();
            }
        }
        assertThat(failure).isEqualTo(Errno.ENOSPC);
        assertThat(written).isBetween(60, 64);
        assertThat(ok(fs.statfs(ROOT, "/")).bfree()).isLessThan(1024);
        okVoid(fs.unlink(ROOT, "/fill"));
        assertThat(store().usedBytes()).as("still open").isPositive();
        okVoid(fs.close(ROOT, h));
        assertThat(store().usedBytes()).isZero();
    }

    @Test
    void tooManyInodesSaysEnospc() {
        Errno failure = null;
        for (int i = 0; i < 20_001 && failure == null; i++) {
            try {
                ok(fs.mkdir(ROOT, "/d" + i, 0755));
            } catch (io.rxlator.runtime.fop.FopException e) {
                failure = e.errno();
            }
        }
        assertThat(failure).isEqualTo(Errno.ENOSPC);
        assertThat(store().inodeCount()).isEqualTo(20_000);
    }

    /**
     * A write or truncate by a caller other than root clears set-user-ID, and set-group-ID only
     * when the group may execute, as Linux does; root's keep both.
     */
    @Test
    void writesAndTruncatesByOthersThanRootClearSetIdBitsAsLinuxDoes() {
        int[][] cases = {{06777, 0777}, {02747, 02747}, {02757, 0757}, {04707, 0707}};
        for (int[] c : cases) {
            for (String how : new String[] {"write", "truncate"}) {
                String path = "/" + how + "-" + Integer.toOctalString(c[0]);
                okVoid(fs.close(ROOT, create(path, 0)));
                ok(fs.chmod(ROOT, path, c[0]));
                Handle h = ok(fs.open(USER, path, O_RDWR));
                if (how.equals("write")) {
                    assertThat(ok(fs.write(USER, h, 0, Iovec.of(new byte[] {1})))).isEqualTo(1);
                } else {
                    ok(fs.ftruncate(USER, h, 0));
                }
                assertThat(Integer.toOctalString(ok(fs.stat(ROOT, path)).prot())).as(how + " " + path)
                        .isEqualTo(Integer.toOctalString(c[1]));
                write(h, 0, new byte[] {2});
                ok(fs.chmod(ROOT, path, c[0]));
                write(h, 0, new byte[] {3});
                ok(fs.ftruncate(ROOT, h, 0));
                assertThat(Integer.toOctalString(ok(fs.stat(ROOT, path)).prot())).as("root's " + how + " " + path)
                        .isEqualTo(Integer.toOctalString(c[0]));
                okVoid(fs.close(ROOT, h));
            }
        }
    }
}
