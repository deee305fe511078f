package io.rxlator.xlators.protocol;

import io.rxlator.runtime.graph.Volfile;
import io.rxlator.xlators.storage.memory.MemoryTranslator;

class ProtocolOnMemoryTest extends ProtocolContract {

    @Override
    protected String type() {
        return MemoryTranslator.TYPE;
    }

    @Override
    protected void options(Volfile.VolumeBuilder volume) {
        volume.option("size", "64MB").option("max-inodes", "20000");
    }
}
