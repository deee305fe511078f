package io.rxlator.xlators.protocol;

import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.xlators.protocol.wire.FopCodec;
import io.rxlator.xlators.protocol.wire.WireReader;
import io.rxlator.xlators.protocol.wire.WireWriter;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** Codec contexts for tests that only encode, the way they choose to write inodes and fds. */
final class Encoding {

    private Encoding() {
    }

    /** Writes inodes and fds with {@code inode} and {@code fd}, locs as {@code outgoing} makes them; reading throws. */
    static FopCodec.Context writing(BiConsumer<WireWriter, Inode> inode, BiConsumer<WireWriter, Fd> fd,
            UnaryOperator<Loc> outgoing) {
        return new FopCodec.Context() {
            @Override
            public void writeInode(WireWriter w, Inode i) {
                inode.accept(w, i);
            }

            @Override
            public Inode readInode(WireReader r) {
                throw new UnsupportedOperationException("this context only encodes");
            }

            @Override
            public void writeFd(WireWriter w, Fd f) {
                fd.accept(w, f);
            }

            @Override
            public Fd readFd(WireReader r) {
                throw new UnsupportedOperationException("this context only encodes");
            }

            @Override
            public Loc outgoing(Loc loc) {
                return outgoing.apply(loc);
            }
        };
    }
}
