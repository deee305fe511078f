package io.rxlator.runtime.option;

/** One {@code pattern:priority} entry of a priority-list option. */
public record Priority(String pattern, int priority) {

    @Override
    public String toString() {
        return pattern + ":" + priority;
    }
}
