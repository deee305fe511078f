package io.rxlator.runtime.option;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GlusterFS's option types, with the same accepted spellings: booleans as 1/0, on/off,
 * yes/no, true/false, enable/disable; integers in C notation (0x hex, leading-0 octal);
 * sizes with B/KB/MB/GB/TB/PB units of 1024; times with s/m/h/d/w suffixes; and so on.
 */
public final class OptionTypes {

    private OptionTypes() {
    }

    /** 1/0, on/off, yes/no, true/false, enable/disable (any case). */
    public static final OptionType<Boolean> BOOL = new Simple<>("bool",
            "a boolean: on/off, yes/no, true/false, enable/disable or 1/0") {
        @Override
        public Boolean parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "1", "on", "yes", "true", "enable":
                    return true;
                case "0", "off", "no", "false", "disable":
                    return false;
                default:
                    throw bad(text);
            }
        }

        @Override
        public String format(Boolean value) {
            return value ? "on" : "off";
        }
    };

    /** A 64-bit integer in C notation: decimal, 0x hex or leading-0 octal, optionally signed. */
    public static final OptionType<Long> INT = new Simple<>("int",
            "an integer (decimal, 0x hex or 0-prefixed octal)") {
        @Override
        public Long parse(String text) {
            if (text.equals("-0")) {
                throw bad(text);
            }
            return parseCLong(text, this);
        }

        @Override
        public String format(Long value) {
            return Long.toString(value);
        }

        @Override
        public double magnitude(Long value) {
            return value;
        }
    };

    /** A size in bytes: a number (fractions allowed) and an optional unit B, KB, MB, GB, TB or PB (×1024). */
    public static final OptionType<Long> SIZE = new Simple<>("size",
            "a size: a number with an optional unit B, KB, MB, GB, TB or PB (e.g. 128KB, 1.5GB)") {
        @Override
        public Long parse(String text) {
            return parseSize(text, true, this);
        }

        @Override
        public String format(Long value) {
            return formatSize(value);
        }

        @Override
        public double magnitude(Long value) {
            return value;
        }
    };

    /** A percentage 0..100, with or without a trailing %. */
    public static final OptionType<Double> PERCENT = new Simple<>("percent",
            "a percentage from 0 to 100, with or without % (e.g. 10 or 12.5%)") {
        @Override
        public Double parse(String text) {
            String t = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
            double v = parseUnsignedDouble(t, text, this);
            if (v > 100.0) {
                throw new IllegalArgumentException("'" + text + "' is out of range [0 - 100]");
            }
            return v;
        }

        @Override
        public String format(Double value) {
            return formatDouble(value) + "%";
        }

        @Override
        public double magnitude(Double value) {
            return value;
        }
    };

    /** A percentage (a number up to 100, or with %) or else a size in bytes. */
    public static final OptionType<PercentOrSize> PERCENT_OR_SIZE = new Simple<>("percent-or-size",
            "a percentage (0 to 100, or with %) or a size (a number above 100, or with a unit B, KB, MB, GB, TB, PB)") {
        @Override
        public PercentOrSize parse(String text) {
            if (text.endsWith("%")) {
                double v = parseUnsignedDouble(text.substring(0, text.length() - 1), text, this);
                if (v > 100.0) {
                    throw new IllegalArgumentException("'" + text + "' is out of range [0 - 100]");
                }
                return PercentOrSize.ofPercent(v);
            }
            if (PLAIN_NUMBER.matcher(text).matches()) {
                double v = parseUnsignedDouble(text, text, this);
                if (v <= 100.0) {
                    return PercentOrSize.ofPercent(v);
                }
            }
            String number = text.replaceAll("(?i)[kmgtp]?b$", "");
            if (number.contains(".") && !number.matches("\\d*\\.0*")) {
                throw new IllegalArgumentException("'" + text + "' is a fractional size; use a whole number of bytes");
            }
            return PercentOrSize.ofBytes(parseSize(text, true, this));
        }

        @Override
        public String format(PercentOrSize value) {
            return value.isPercent() ? formatDouble(value.percent()) + "%" : formatSize(value.bytes());
        }

        @Override
        public double magnitude(PercentOrSize value) {
            return value.isPercent() ? Double.NaN : value.bytes();
        }
    };

    /** A floating-point number. */
    public static final OptionType<Double> DOUBLE = new Simple<>("double", "a number (e.g. 0.5)") {
        @Override
        public Double parse(String text) {
            if (!DECIMAL.matcher(text).matches()) {
                throw bad(text);
            }
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("'" + text + "' is too large a number");
            }
            return v;
        }

        @Override
        public String format(Double value) {
            return formatDouble(value);
        }

        @Override
        public double magnitude(Double value) {
            return value;
        }
    };

    /** A duration in whole seconds, minutes, hours, days or weeks: 30, 30s, 5min, 2h, 1d, 1w. */
    public static final OptionType<Duration> TIME = new Simple<>("time",
            "a time: a whole number with an optional unit s/sec, m/min, h/hr, d/days or w/wk (seconds by default)") {
        @Override
        public Duration parse(String text) {
            java.util.regex.Matcher m = TIME_PATTERN.matcher(text);
            if (!m.matches()) {
                throw bad(text);
            }
            long n;
            try {
                n = parseCLong(m.group(1), this);
            } catch (IllegalArgumentException e) {
                throw bad(text);
            }
            String unit = m.group(2);
            long factor = switch (unit) {
                case "", "s", "sec" -> 1;
                case "m", "min" -> 60;
                case "h", "hr" -> 3600;
                case "d", "days" -> 86400;
                case "w", "wk" -> 604800;
                default -> throw bad(text);
            };
            try {
                return Duration.ofSeconds(Math.multiplyExact(n, factor));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is too long a time");
            }
        }

        @Override
        public String format(Duration value) {
            return value.getSeconds() + "s";
        }

        @Override
        public double magnitude(Duration value) {
            return value.getSeconds();
        }
    };

    /** An absolute path without {@code ../}. */
    public static final OptionType<String> PATH = new Simple<>("path", "an absolute path without '..'") {
        @Override
        public String parse(String text) {
            if (text.contains("../") || text.endsWith("/..") || text.equals("..")) {
                throw new IllegalArgumentException("'" + text + "' contains '..'; " + expected());
            }
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "' is not an absolute path; " + expected());
            }
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    };

    /** Text. An option of this type may restrict it to a list of allowed values (patterns). */
    public static final OptionType<String> STRING = new Simple<>("string", "text") {
        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    };

    /** The name of another volume in the same graph. */
    public static final OptionType<String> XLATOR = new Simple<>("xlator", "the name of a volume in this graph") {
        @Override
        public String parse(String text) {
            if (text.isEmpty()) {
                throw bad(text);
            }
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    };

    /** An IPv4 or IPv6 address, a host name, or a wildcard pattern of those. */
    public static final OptionType<String> ADDRESS = new Simple<>("address",
            "an IPv4 or IPv6 address, a host name, or a wildcard pattern such as 192.168.*") {
        @Override
        public String parse(String text) {
            if (!isAddress(text, true)) {
                throw bad(text);
            }
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    };

    /** A comma-separated list of addresses (see {@link #ADDRESS}). */
    public static final OptionType<List<String>> ADDRESS_LIST = new Simple<>("address-list",
            "a comma-separated list of IP addresses, host names or wildcard patterns") {
        @Override
        public List<String> parse(String text) {
            List<String> out = splitList(text, this);
            for (String a : out) {
                if (!isAddress(a, true)) {
                    throw new IllegalArgumentException("'" + a + "' in '" + text + "' is not an address; " + expected());
                }
            }
            return out;
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }
    };

    /**
     * A comma-separated list for {@code auth.addr}: {@code *}, addresses, host names, wildcard
     * patterns and IPv4 networks in CIDR form ({@code 10.0.0.0/8}).
     */
    public static final OptionType<List<String>> AUTH_ADDRESS_LIST = new Simple<>("auth-address-list",
            "a comma-separated list of *, IP addresses, host names, wildcard patterns or a.b.c.d/n networks") {
        @Override
        public List<String> parse(String text) {
            List<String> out = splitList(text, this);
            for (String a : out) {
                if (!a.equals("*") && !isCidr(a) && !isAddress(a, true)) {
                    throw new IllegalArgumentException("'" + a + "' in '" + text + "' is not an address or network; "
                            + expected());
                }
            }
            return out;
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }
    };

    /** A comma-separated list of {@code pattern:priority} entries. */
    public static final OptionType<List<Priority>> PRIORITY_LIST = new Simple<>("priority-list",
            "a comma-separated list of pattern:priority entries (e.g. *.php:3,*:1)") {
        @Override
        public List<Priority> parse(String text) {
            List<Priority> out = new ArrayList<>();
            for (String item : splitList(text, this)) {
                int colon = item.lastIndexOf(':');
                if (colon <= 0 || colon == item.length() - 1) {
                    throw new IllegalArgumentException("'" + item + "' in '" + text + "' is not pattern:priority");
                }
                long p = parseCLong(item.substring(colon + 1), this);
                if (p < Integer.MIN_VALUE || p > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("priority in '" + item + "' does not fit in 32 bits");
                }
                out.add(new Priority(item.substring(0, colon), (int) p));
            }
            return List.copyOf(out);
        }

        @Override
        public String format(List<Priority> value) {
            return value.stream().map(Priority::toString).collect(Collectors.joining(","));
        }
    };

    /** A comma-separated list of sizes, each a multiple of 512. */
    public static final OptionType<List<Long>> SIZE_LIST = new Simple<>("size-list",
            "a comma-separated list of sizes, each a multiple of 512 (e.g. 4KB,64KB)") {
        @Override
        public List<Long> parse(String text) {
            List<Long> out = new ArrayList<>();
            for (String item : splitList(text, this)) {
                long v = parseSize(item, true, SIZE);
                if (v % 512 != 0) {
                    throw new IllegalArgumentException("'" + item + "' in '" + text + "' is not a multiple of 512");
                }
                out.add(v);
            }
            return List.copyOf(out);
        }

        @Override
        public String format(List<Long> value) {
            return value.stream().map(OptionTypes::formatSize).collect(Collectors.joining(","));
        }

        @Override
        public java.util.stream.DoubleStream magnitudes(List<Long> value) {
            return value.stream().mapToDouble(Long::doubleValue);
        }
    };

    // ---- helpers ----

    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SIZE_PATTERN = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([a-zA-Z]*)");
    private static final Pattern TIME_PATTERN = Pattern.compile("([0-9]+|0[xX][0-9a-fA-F]+)(s|sec|m|min|h|hr|d|days|w|wk|)");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9*?\\[\\]_]([A-Za-z0-9*?\\[\\]_-]{0,62})(\\.[A-Za-z0-9*?\\[\\]_]([A-Za-z0-9*?\\[\\]_-]{0,62}))*\\.?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static long parseCLong(String text, OptionType<?> type) {
        String t = text;
        String sign = "";
        if (t.startsWith("+") || t.startsWith("-")) {
            sign = t.charAt(0) == '-' ? "-" : "";
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        String digits = radix == 16 ? "0123456789abcdefABCDEF" : radix == 8 ? "01234567" : "0123456789";
        if (t.isEmpty() || !t.chars().allMatch(c -> digits.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not " + type.expected());
        }
        try {
            return Long.parseLong(sign + t, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + type.expected() + " (out of the 64-bit range)");
        }
    }

    static long parseSize(String text, boolean allowFraction, OptionType<?> type) {
        java.util.regex.Matcher m = SIZE_PATTERN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + type.expected());
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "", "B" -> 1L;
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            case "PB" -> 1L << 50;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "'; " + type.expected());
        };
        String number = m.group(1);
        if (number.contains(".") && !number.matches("\\d*\\.0*")) {
            if (!allowFraction) {
                throw new IllegalArgumentException("'" + text + "' is a fractional size");
            }
            double v = Double.parseDouble(number) * factor;
            if (v >= 0x1p63) {
                throw new IllegalArgumentException("'" + text + "' is too large a size");
            }
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("'" + text + "' is a fractional number of bytes");
            }
            return (long) v;
        }
        if (number.contains(".")) {
            number = number.substring(0, number.indexOf('.'));
            if (number.isEmpty()) {
                number = "0";
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(number), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    static double parseUnsignedDouble(String number, String text, OptionType<?> type) {
        if (!PLAIN_NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + type.expected());
        }
        return Double.parseDouble(number);
    }

    static String formatDouble(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String formatSize(long v) {
        String[] units = {"PB", "TB", "GB", "MB", "KB"};
        int[] shifts = {50, 40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long f = 1L << shifts[i];
            if (v != 0 && v % f == 0) {
                return (v / f) + units[i];
            }
        }
        return Long.toString(v);
    }

    private static List<String> splitList(String text, OptionType<?> type) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",", -1)) {
            String t = s.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty entry; " + type.expected());
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static boolean isAddress(String a, boolean allowWildcards) {
        if (a.isEmpty() || a.length() > 253) {
            return false;
        }
        java.util.regex.Matcher v4 = IPV4.matcher(a);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (a.indexOf(':') >= 0) {
            if (allowWildcards && a.indexOf('*') >= 0) {
                return a.matches("[0-9a-fA-F:*]+") && isAddress(a.replace('*', '0'), false);
            }
            try {
                return a.matches("[0-9a-fA-F:.]+") && InetAddress.getByName(a) != null;
            } catch (Exception e) {
                return false;
            }
        }
        if (!allowWildcards && (a.indexOf('*') >= 0 || a.indexOf('?') >= 0)) {
            return false;
        }
        return HOST.matcher(a).matches();
    }

    private static boolean isCidr(String a) {
        int slash = a.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = a.substring(0, slash);
        String bits = a.substring(slash + 1);
        if (!IPV4.matcher(ip).matches() || !isAddress(ip, false) || !bits.matches("\\d{1,2}")) {
            return false;
        }
        return Integer.parseInt(bits) <= 32;
    }

    /** A type with a fixed name and description of what it accepts. */
    private abstract static class Simple<T> implements OptionType<T> {
        private final String name;
        private final String expected;

        Simple(String name, String expected) {
            this.name = name;
            this.expected = expected;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String expected() {
            return expected;
        }

        IllegalArgumentException bad(String text) {
            return new IllegalArgumentException("'" + text + "' is not " + expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
