package io.rxlator.xlators.protocol;

import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import io.rxlator.xlators.storage.StorageContract;
import java.time.Duration;

/**
 * The storage contract, through protocol/client → TCP on 127.0.0.1 → protocol/server → the
 * storage: every fop the contract makes must come back as it does from the storage itself.
 */
public abstract class ProtocolContract extends StorageContract {

    protected Graph serverGraph;

    @Override
    protected Graph buildGraph(InodeTable table) throws Exception {
        Volfile storage = storageVolfile();
        Volfile.Builder b = Volfile.builder();
        var spec = storage.volumes().get(0);
        b.volume("storage", spec.type(), vol -> spec.options().forEach(o -> vol.option(o.key(), o.value())));
        b.volume("server", ServerTranslator.TYPE, vol -> vol.option("transport.socket.listen-port", "0")
                .option("transport.socket.bind-address", "127.0.0.1")
                .option("auth.addr.storage.allow", "127.0.0.1")
                .subvolumes("storage"));
        serverGraph = Graph.build(b.build(), TranslatorRegistry.load(), new InodeTable());
        serverGraph.start();
        int port = ((ServerTranslator) serverGraph.translator("server")).port();
        Volfile client = Volfile.builder().volume("client", "protocol/client", vol -> vol.option("remote-host", "127.0.0.1")
                .option("remote-port", String.valueOf(port)).option("remote-subvolume", "storage")).build();
        Graph g = Graph.build(client, TranslatorRegistry.load(), table);
        try {
            g.start();
            g.childUp().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    @Override
    protected void closeMore() {
        if (serverGraph != null) {
            serverGraph.close();
        }
    }
}
