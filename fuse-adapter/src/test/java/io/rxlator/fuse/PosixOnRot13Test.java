package io.rxlator.fuse;

import io.rxlator.fuse.support.RequiresFuse;
import java.nio.file.Path;

/** The POSIX suite on encryption/rot-13 over storage/posix. */
@RequiresFuse
class PosixOnRot13Test extends PosixBehaviourSuite {

    @Override
    String volfile(Path export) {
        return "volume posix\n    type storage/posix\n    option directory " + export + "\nend-volume\n"
                + "volume rot13\n    type encryption/rot-13\n    subvolumes posix\nend-volume\n";
    }

    @Override
    byte[] stored(byte[] data) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            int b = out[i];
            if (b >= 'a' && b <= 'z') {
                out[i] = (byte) ('a' + (b - 'a' + 13) % 26);
            } else if (b >= 'A' && b <= 'Z') {
                out[i] = (byte) ('A' + (b - 'A' + 13) % 26);
            }
        }
        return out;
    }
}
