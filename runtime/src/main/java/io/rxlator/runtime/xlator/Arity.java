package io.rxlator.runtime.xlator;

/**
 * How many children a translator type takes, checked by the graph loader (GlusterFS leaves
 * this to each {@code init}).
 *
 * @param min at least this many
 * @param max at most this many ({@link Integer#MAX_VALUE} for no limit)
 */
public record Arity(int min, int max) {

    /** A terminal: storage, protocol/client. */
    public static final Arity NONE = new Arity(0, 0);
    /** Exactly one child: most translators. */
    public static final Arity ONE = new Arity(1, 1);
    /** One or more: cluster translators. */
    public static final Arity AT_LEAST_ONE = new Arity(1, Integer.MAX_VALUE);
    /** Any number, none included. */
    public static final Arity ANY = new Arity(0, Integer.MAX_VALUE);

    public Arity {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bad arity " + min + ".." + max);
        }
    }

    public static Arity exactly(int n) {
        return new Arity(n, n);
    }

    public static Arity atLeast(int n) {
        return new Arity(n, Integer.MAX_VALUE);
    }

    public boolean accepts(int children) {
        return children >= min && children <= max;
    }

    /** "exactly 1 child", "no children", "at least 2 children", "1 to 3 children". */
    public String describe() {
        if (max == 0) {
            return "no children";
        }
        if (min == max) {
            return "exactly " + min + (min == 1 ? " child" : " children");
        }
        if (max == Integer.MAX_VALUE) {
            return min == 0 ? "any number of children" : "at least " + min + (min == 1 ? " child" : " children");
        }
        return min + " to " + max + " children";
    }

    @Override
    public String toString() {
        return describe();
    }
}
