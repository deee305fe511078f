package io.rxlator.runtime.xlator;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event on its way through a graph.
 *
 * @param type what happened
 * @param source for an event coming up, the receiving translator's handle of the child it
 *     came from (compare it with {@code context.children()}); null for events coming down
 * @param payload event-specific data (an upcall's gfid, an auth failure's reason), or null
 */
public record Event(EventType type, @Nullable Subvolume source, @Nullable Object payload) {

    public Event {
        Objects.requireNonNull(type, "type");
    }

    /** An event with no source and no payload. */
    public static Event of(EventType type) {
        return new Event(type, null, null);
    }

    /** An event with a payload. */
    public static Event of(EventType type, Object payload) {
        return new Event(type, null, payload);
    }

    public Event withSource(@Nullable Subvolume newSource) {
        return new Event(type, newSource, payload);
    }
}
