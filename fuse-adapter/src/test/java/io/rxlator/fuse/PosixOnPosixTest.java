package io.rxlator.fuse;

import io.rxlator.fuse.support.RequiresFuse;
import java.nio.file.Path;

/** The POSIX suite on storage/posix alone. */
@RequiresFuse
class PosixOnPosixTest extends PosixBehaviourSuite {

    @Override
    String volfile(Path export) {
        return "volume posix\n    type storage/posix\n    option directory " + export + "\nend-volume\n";
    }

    @Override
    byte[] stored(byte[] data) {
        return data;
    }
}
