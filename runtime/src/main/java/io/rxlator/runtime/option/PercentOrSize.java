package io.rxlator.runtime.option;

/**
 * The value of a percent-or-size option such as storage/posix's {@code reserve}: either a
 * percentage ({@code 1}, {@code 2.5%}) or a byte count ({@code 200}, {@code 10GB}). As in
 * GlusterFS a plain number up to 100 is a percentage and a larger one is bytes.
 */
public record PercentOrSize(boolean isPercent, double percent, long bytes) {

    public static PercentOrSize ofPercent(double percent) {
        return new PercentOrSize(true, percent, 0);
    }

    public static PercentOrSize ofBytes(long bytes) {
        return new PercentOrSize(false, 0, bytes);
    }

    /** The amount this stands for out of {@code total} bytes. */
    public long of(long total) {
        return isPercent ? (long) (total * (percent / 100.0)) : bytes;
    }

    @Override
    public String toString() {
        return isPercent ? OptionTypes.formatDouble(percent) + "%" : Long.toString(bytes);
    }
}
