package io.rxlator.runtime.xlator;

/**
 * The events translators exchange ({@code glusterfs_event_t}, with GlusterFS's numbers).
 * Events that go down a graph travel from parents to children; all others travel up from
 * children to parents, and from the top to whoever holds the graph (the mount).
 */
public enum EventType {
    PARENT_UP(1, true),
    CHILD_UP(5, false),
    CHILD_DOWN(6, false),
    CHILD_CONNECTING(7, false),
    CLEANUP(9, true),
    GRAPH_NEW(12, false),
    AUTH_FAILED(15, false),
    PARENT_DOWN(17, true),
    UPCALL(19, false),
    SOME_DESCENDENT_DOWN(21, false),
    SOME_DESCENDENT_UP(23, false),
    CHILD_PING(24, false),
    SIGHUP(25, true);

    private final int number;
    private final boolean down;

    EventType(int number, boolean down) {
        this.number = number;
        this.down = down;
    }

    /** The {@code GF_EVENT_*} number. */
    public int number() {
        return number;
    }

    /** True for events that go from parents to children. */
    public boolean goesDown() {
        return down;
    }
}
