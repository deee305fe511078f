package io.rxlator.runtime.xlator;

import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.option.Options;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What a translator's factory gets to build it with (GlusterFS's {@code xlator_t *this}):
 * its name, checked options, handles on its children, context slots, and a way to send
 * events.
 */
public interface TranslatorContext {

    /** The volume name, e.g. {@code my-rot13}. */
    String name();

    /** The type, e.g. {@code encryption/rot-13}. */
    String type();

    /** Where the volume was defined, e.g. {@code my.vol:7}, for messages. */
    String source();

    /** The current option values (after a live reconfigure, the new ones). */
    Options options();

    /** Handles on the children, in the order the volfile lists them. */
    List<Subvolume> children();

    /** The first child; for a translator with no children, a handle that answers every fop with ENOSYS. */
    Subvolume firstChild();

    /** The child called {@code name}, or null. */
    @Nullable Subvolume child(String name);

    /** The names of the translators that have this one as a child. */
    List<String> parents();

    /** A typed slot of this translator's own on every inode and fd. */
    <T> ContextKey<T> newContextKey(Class<T> type);

    /** The inode table of the graph. */
    InodeTable inodeTable();

    /** Sends events to parents or children at any time (a client that reconnects sends CHILD_UP). */
    Notifier notifier();

    /** A logger named after the volume ({@code rxlator.xlator.<name>}). */
    Logger logger();
}
