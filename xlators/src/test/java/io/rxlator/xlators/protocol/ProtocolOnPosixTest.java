package io.rxlator.xlators.protocol;

import io.rxlator.runtime.graph.Volfile;
import io.rxlator.xlators.storage.posix.PosixTranslator;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ProtocolOnPosixTest extends ProtocolContract {

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
}
