package io.rxlator.cli;

import io.rxlator.fuse.FuseMount;
import io.rxlator.fuse.internal.Layout;
import io.rxlator.fuse.internal.LibC;
import io.rxlator.runtime.fop.Errno;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code rxlator umount [-l] MOUNTPOINT}: the serving process sees the unmount and exits. */
final class UmountCommand {

    private UmountCommand() {
    }

    static int run(List<String> args, PrintStream out) throws Main.UsageException, Main.Failure {
        boolean lazy = false;
        Path mnt = null;
        for (String a : args) {
            if (a.equals("-l") || a.equals("-z") || a.equals("--lazy")) {
                lazy = true;
            } else if (a.startsWith("-")) {
                throw new Main.UsageException("umount: unknown option '" + a + "'");
            } else if (mnt != null) {
                throw new Main.UsageException("umount: one mount point only");
            } else {
                mnt = Path.of(a).toAbsolutePath().normalize();
            }
        }
        if (mnt == null) {
            throw new Main.UsageException("umount: no MOUNTPOINT given");
        }
        String what = FuseMount.fuseMountAt(mnt);
        if (what == null) {
            throw new Main.Failure(mnt + " is not a FUSE mount");
        }
        byte[] b = mnt.toString().getBytes(StandardCharsets.UTF_8);
        byte[] c = Arrays.copyOf(b, b.length + 1);
        if (LibC.INSTANCE.umount2(c, lazy ? LibC.MNT_DETACH : 0) != 0) {
            int errno = Layout.RUNTIME.getLastError();
            if (errno == LibC.EBUSY) {
                throw new Main.Failure(mnt + " is busy: files or directories on it are in use "
                        + "(close them, or `rxlator umount -l " + mnt + "` to detach it now)");
            }
            throw new Main.Failure("unmounting " + mnt + " failed: " + Errno.orEio(errno).describe());
        }
        out.println("unmounted " + mnt + (lazy ? " (detached)" : ""));
        return 0;
    }
}
