package io.rxlator.runtime.option;

/**
 * How the text of an option becomes a value: one of GlusterFS's option types
 * ({@link OptionTypes}).
 *
 * @param <T> the Java type of a parsed value
 */
public interface OptionType<T> {

    /** A short name for help text: "bool", "size", "time", … */
    String name();

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException whose message says what is wrong with the text and what
     *     the type expects
     */
    T parse(String text);

    /** The text that parses back to {@code value}. */
    String format(T value);

    /** What the type accepts, for help and error messages ("a size: a number with B, KB, MB, GB, TB or PB"). */
    String expected();

    /**
     * The number a range check compares (bytes for sizes, seconds for times), or NaN when the
     * type has no range.
     */
    default double magnitude(T value) {
        return Double.NaN;
    }

    /** Every number a range check compares: one for most types, one per item for lists. */
    default java.util.stream.DoubleStream magnitudes(T value) {
        double m = magnitude(value);
        return Double.isNaN(m) ? java.util.stream.DoubleStream.empty() : java.util.stream.DoubleStream.of(m);
    }
}
