package io.rxlator.runtime.inode;

import java.util.Objects;

/**
 * A typed slot a translator keeps on every {@link Inode} or {@link Fd}: GlusterFS's
 * per-xlator {@code inode_ctx}/{@code fd_ctx}, without casts. A translator gets its keys at
 * construction from its {@code TranslatorContext} and then reads and writes
 * {@code inode.get(key)}, {@code inode.computeIfAbsent(key, ...)} and so on.
 *
 * @param <T> the type of the value kept in the slot
 */
public final class ContextKey<T> {

    private final int index;
    private final String owner;
    private final Class<T> type;

    ContextKey(int index, String owner, Class<T> type) {
        this.index = index;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.type = Objects.requireNonNull(type, "type");
    }

    int index() {
        return index;
    }

    /** The translator (volume name) the slot belongs to. */
    public String owner() {
        return owner;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return owner + ":" + type.getSimpleName() + "#" + index;
    }
}
