package io.rxlator.runtime.xlator;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import reactor.core.publisher.Mono;

/**
 * A translator: a function from a file operation to its reply.
 *
 * <pre>
 *            caller (FUSE, protocol/server, a parent translator)
 *               │ FopRequest            ▲ FopReply or FopException
 *               ▼ (wind)                │ (unwind: what the Mono emits)
 *        ┌─────────────────────────────────────┐
 *        │ handle(request) ──► child.call(req) │  operators chained after the
 *        │       .map(reply -> ...)            │  child call are the callback
 *        └─────────────────────────────────────┘
 *               │                       ▲
 *               ▼                       │
 *            child translators … storage (the terminal)
 * </pre>
 *
 * <p>Most translators extend {@link ForwardingTranslator} and override only the fops they
 * care about; the runtime routes every other fop straight past them. A translator may also
 * be written as a lambda over every fop ({@code request -> child.call(request).doOnNext(...)}).
 *
 * <p>Contract: {@link #handle} returns a {@code Mono} that emits exactly one reply of the
 * request's reply type, or fails with a {@link io.rxlator.runtime.fop.FopException}. It never
 * blocks a thread it does not own. A translator that throws, returns null, completes empty,
 * answers with the wrong reply type or fails with anything but a {@code FopException} fails
 * the call with EIO and a message naming it; it does not take the graph down.
 *
 * <p>All other methods are lifecycle callbacks with no-op defaults. The translator is made
 * (GlusterFS's {@code init}) by its descriptor's factory and finished by {@link #close()}.
 */
@FunctionalInterface
public interface Translator {

    /** Handles one fop. */
    Mono<? extends FopReply> handle(FopRequest<?> request);

    /**
     * An event arrived, from a child ({@code event.source()} is set) or from a parent. The
     * default sends it on in its direction, as GlusterFS's {@code default_notify} does; at a
     * translator with no children, PARENT_UP turns around as CHILD_UP and PARENT_DOWN as
     * CHILD_DOWN (what storage does). A translator that becomes ready later, such as a network
     * client, overrides this and sends CHILD_UP itself when it is.
     */
    default void notify(Event event, Notifier notifier) {
        notifier.forward(event);
    }

    /**
     * Applies changed options in a running graph. Called only when every changed option is
     * declared {@link io.rxlator.runtime.option.Option#reconfigurable()}, children before parents.
     */
    default void reconfigure(Options options) {
    }

    /** {@code inode} left the inode table; whatever the translator keeps about it can go. */
    default void forget(Inode inode) {
    }

    /** The last reference to a file fd is gone. */
    default void release(Fd fd) {
    }

    /** The last reference to a directory fd is gone. */
    default void releasedir(Fd fd) {
    }

    /** Cached state about {@code inode} should be dropped (another client changed it). */
    default void invalidate(Inode inode) {
    }

    /** Writes the translator's state for a statedump. */
    default void dump(DumpWriter out) {
    }

    /** The graph is being torn down (GlusterFS's {@code fini}); children are closed first. */
    default void close() {
    }
}
