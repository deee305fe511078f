package io.rxlator.fuse.support;

import io.rxlator.fuse.FuseMount;
import io.rxlator.fuse.MountOptions;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A graph mounted for a test. Closing it unmounts (lazily with fusermount when a normal
 * unmount did not work) and closes the graph, so no test leaves a mount behind.
 */
public final class Mounted implements AutoCloseable {

    public final Graph graph;
    public final FuseMount mount;
    public final Path root;

    private Mounted(Graph graph, FuseMount mount) {
        this.graph = graph;
        this.mount = mount;
        this.root = mount.mountpoint();
    }

    public static Mounted volfile(String text, Path mountpoint, MountOptions opts) throws Exception {
        return graph(Graph.build(Volfile.parse(text, "test.vol"), TranslatorRegistry.load(), new InodeTable(opts.lruLimit())),
                mountpoint, opts);
    }

    public static Mounted graph(Graph graph, Path mountpoint, MountOptions opts) throws Exception {
        try {
            graph.start();
            // As rxlator mount does: the graph is up (a network client connected) before the mount.
            graph.childUp().block(java.time.Duration.ofSeconds(30));
            Files.createDirectories(mountpoint);
            return new Mounted(graph, FuseMount.mount(graph.top(), graph.inodeTable(), mountpoint, opts));
        } catch (Exception | Error e) {
            graph.close();
            throw e;
        }
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    @Override
    public void close() {
        try {
            mount.close();
        } finally {
            try {
                if (mount.isMounted() || isMountPoint(root)) {
                    forceUnmount(root);
                }
            } finally {
                graph.close();
            }
        }
    }

    /** True if {@code p} is a mount point in /proc/self/mountinfo. */
    public static boolean isMountPoint(Path p) {
        try {
            String target = " " + p.toAbsolutePath().normalize() + " ";
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                if (line.contains(target)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** {@code fusermount -u -z}: the last resort, so a failed test leaves nothing behind. */
    public static void forceUnmount(Path p) {
        try {
            Process pr = new ProcessBuilder("fusermount", "-u", "-z", p.toString()).redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            pr.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing more to try
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Duration timeout() {
        return Duration.ofSeconds(60);
    }
}
