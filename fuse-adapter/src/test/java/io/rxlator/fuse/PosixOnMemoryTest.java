package io.rxlator.fuse;

import io.rxlator.fuse.support.RequiresFuse;
import java.nio.file.Path;

/** The POSIX suite on storage/memory. */
@RequiresFuse
class PosixOnMemoryTest extends PosixBehaviourSuite {

    @Override
    String volfile(Path export) {
        return "volume memory\n    type storage/memory\nend-volume\n";
    }

    @Override
    byte[] stored(byte[] data) {
        return null;
    }
}
