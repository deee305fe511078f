package io.rxlator.runtime.xlator;

/**
 * Sends events from one translator to its neighbours. Delivery is synchronous, on the
 * calling thread.
 */
public interface Notifier {

    /** Sends {@code event} to every parent (or, from the top, to the graph's listeners). */
    void up(Event event);

    /** Sends {@code event} to every child. */
    void down(Event event);

    /** Sends {@code event} on in its own direction: what a translator that does not care does. */
    default void forward(Event event) {
        if (event.type().goesDown()) {
            down(event);
        } else {
            up(event);
        }
    }
}
