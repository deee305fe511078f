package io.rxlator.fuse;

import io.rxlator.fuse.support.RequiresFuse;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import java.nio.file.Path;

/**
 * The POSIX suite on a mount whose stack is protocol/client → TCP on 127.0.0.1 →
 * protocol/server → storage/posix, the brick in a graph of its own.
 */
@RequiresFuse
class PosixOnProtocolTest extends PosixBehaviourSuite {

    private Graph brick;

    @Override
    String volfile(Path export) {
        try {
            brick = Graph.build(Volfile.parse("""
                    volume brick
                        type storage/posix
                        option directory %s
                    end-volume

                    volume server
                        type protocol/server
                        option transport.socket.listen-port 0
                        option transport.socket.bind-address 127.0.0.1
                        option auth.addr.brick.allow 127.0.0.1
                        subvolumes brick
                    end-volume
                    """.formatted(export), "brick.vol"), TranslatorRegistry.load(), new InodeTable());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        brick.start();
        int port = ((ServerTranslator) brick.translator("server")).port();
        return """
                volume client
                    type protocol/client
                    option remote-host 127.0.0.1
                    option remote-port %d
                    option remote-subvolume brick
                end-volume
                """.formatted(port);
    }

    @Override
    byte[] stored(byte[] data) {
        return data;
    }

    @Override
    void afterUnmount() {
        if (brick != null) {
            brick.close();
        }
    }
}
