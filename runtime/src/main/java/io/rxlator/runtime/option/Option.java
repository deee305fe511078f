package io.rxlator.runtime.option;

import io.rxlator.runtime.internal.Glob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One option a translator accepts: key, aliases, type, default, range, allowed values and
 * description (GlusterFS's {@code volume_option_t}). Declare each as a constant; the same
 * declaration parses and validates volfile values, reads them ({@code options.get(KEY)}),
 * decides what a live reconfigure may change, and writes help text:
 *
 * <pre>{@code
 * static final Option<Boolean> ENCRYPT_WRITE = Option.bool("encrypt-write")
 *         .defaultValue("on")
 *         .description("Encode data before it is written.")
 *         .reconfigurable();
 * }</pre>
 *
 * <p>Instances are immutable; each builder-style method returns a changed copy.
 *
 * @param <T> the Java type of a value
 */
public final class Option<T> {

    /** How prominent an option is in help text (GlusterFS's option levels). */
    public enum Level {
        BASIC, ADVANCED, EXPERIMENTAL, DEPRECATED
    }

    private final String key;
    private final List<String> aliases;
    private final OptionType<T> type;
    private final @Nullable String defaultValue;
    private final String description;
    private final double min;
    private final double max;
    private final boolean ranged;
    private final List<String> allowedValues;
    private final boolean reconfigurable;
    private final boolean required;
    private final Level level;
    private final List<String> tags;
    /** The default once parsed ({@link #UNPARSED} until first asked for): translators read options on every fop. */
    private volatile @Nullable Object parsed = UNPARSED;
    private static final Object UNPARSED = new Object();

    /** The fields of an option while a builder-style method changes one of them. */
    private static final class Draft<T> {
        String key;
        List<String> aliases;
        OptionType<T> type;
        @Nullable String defaultValue;
        String description;
        double min;
        double max;
        boolean ranged;
        List<String> allowedValues;
        boolean reconfigurable;
        boolean required;
        Level level;
        List<String> tags;
    }

    private Option(Draft<T> d) {
        this.key = d.key;
        this.aliases = d.aliases;
        this.type = d.type;
        this.defaultValue = d.defaultValue;
        this.description = d.description;
        this.min = d.min;
        this.max = d.max;
        this.ranged = d.ranged;
        this.allowedValues = d.allowedValues;
        this.reconfigurable = d.reconfigurable;
        this.required = d.required;
        this.level = d.level;
        this.tags = d.tags;
    }

    /** A copy of this option with one change. */
    private Option<T> with(Consumer<Draft<T>> change) {
        Draft<T> d = new Draft<>();
        d.key = key;
        d.aliases = aliases;
        d.type = type;
        d.defaultValue = defaultValue;
        d.description = description;
        d.min = min;
        d.max = max;
        d.ranged = ranged;
        d.allowedValues = allowedValues;
        d.reconfigurable = reconfigurable;
        d.required = required;
        d.level = level;
        d.tags = tags;
        change.accept(d);
        return new Option<>(d);
    }

    /** An option of any type. */
    public static <T> Option<T> of(String key, OptionType<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        if (key.isBlank()) {
            throw new IllegalArgumentException("blank option key");
        }
        Draft<T> d = new Draft<>();
        d.key = key;
        d.aliases = List.of();
        d.type = type;
        d.description = "";
        d.allowedValues = List.of();
        d.level = Level.BASIC;
        d.tags = List.of();
        return new Option<>(d);
    }

    public static Option<Boolean> bool(String key) {
        return of(key, OptionTypes.BOOL);
    }

    public static Option<Long> integer(String key) {
        return of(key, OptionTypes.INT);
    }

    public static Option<Long> size(String key) {
        return of(key, OptionTypes.SIZE);
    }

    public static Option<Double> percent(String key) {
        return of(key, OptionTypes.PERCENT);
    }

    public static Option<PercentOrSize> percentOrSize(String key) {
        return of(key, OptionTypes.PERCENT_OR_SIZE);
    }

    public static Option<Double> decimal(String key) {
        return of(key, OptionTypes.DOUBLE);
    }

    public static Option<Duration> time(String key) {
        return of(key, OptionTypes.TIME);
    }

    public static Option<String> path(String key) {
        return of(key, OptionTypes.PATH);
    }

    public static Option<String> string(String key) {
        return of(key, OptionTypes.STRING);
    }

    /** A string option that takes one of {@code values} (which may be shell patterns). */
    public static Option<String> oneOf(String key, String... values) {
        return of(key, OptionTypes.STRING).allowedValues(values);
    }

    public static Option<String> xlator(String key) {
        return of(key, OptionTypes.XLATOR);
    }

    public static Option<String> address(String key) {
        return of(key, OptionTypes.ADDRESS);
    }

    public static Option<List<String>> addressList(String key) {
        return of(key, OptionTypes.ADDRESS_LIST);
    }

    public static Option<List<String>> authAddressList(String key) {
        return of(key, OptionTypes.AUTH_ADDRESS_LIST);
    }

    public static Option<List<Priority>> priorityList(String key) {
        return of(key, OptionTypes.PRIORITY_LIST);
    }

    public static Option<List<Long>> sizeList(String key) {
        return of(key, OptionTypes.SIZE_LIST);
    }

    // ---- builder-style copies ----

    /** Other keys that mean this option; the first key is the canonical one. */
    public Option<T> alias(String... more) {
        List<String> a = new ArrayList<>(aliases);
        for (String s : more) {
            a.add(Objects.requireNonNull(s, "alias"));
        }
        return with(d -> d.aliases = List.copyOf(a));
    }

    /**
     * The value used when the volfile sets none, written as a volfile would write it.
     *
     * @throws IllegalArgumentException if the option itself would reject it
     */
    public Option<T> defaultValue(String text) {
        Objects.requireNonNull(text, "default");
        Option<T> o = with(d -> d.defaultValue = text);
        try {
            o.parse(text);
        } catch (OptionException e) {
            throw new IllegalArgumentException("default of option '" + key + "': " + e.getMessage());
        }
        return o;
    }

    /** The value used when the volfile sets none. */
    public Option<T> defaultTo(T value) {
        return defaultValue(type.format(value));
    }

    public Option<T> description(String text) {
        Objects.requireNonNull(text, "description");
        return with(d -> d.description = text);
    }

    /**
     * Inclusive bounds on the value: for sizes in bytes, for times in seconds, for percent-or-size
     * options on the size form only.
     */
    public Option<T> range(double newMin, double newMax) {
        if (newMin > newMax) {
            throw new IllegalArgumentException("option '" + key + "': min " + newMin + " > max " + newMax);
        }
        return with(d -> {
            d.min = newMin;
            d.max = newMax;
            d.ranged = true;
        });
    }

    /** Restricts a string option to these values; each may be a shell pattern. */
    public Option<T> allowedValues(String... values) {
        List<String> v = List.of(values);
        return with(d -> d.allowedValues = v);
    }

    /** The translator applies a change of this option in a running graph, without a rebuild. */
    public Option<T> reconfigurable() {
        return with(d -> d.reconfigurable = true);
    }

    /** The volfile must set this option (storage/posix's {@code directory}). */
    public Option<T> required() {
        return with(d -> d.required = true);
    }

    public Option<T> level(Level newLevel) {
        Objects.requireNonNull(newLevel, "level");
        return with(d -> d.level = newLevel);
    }

    public Option<T> tags(String... newTags) {
        List<String> t = List.of(newTags);
        return with(d -> d.tags = t);
    }

    // ---- accessors ----

    public String key() {
        return key;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The key and the aliases. */
    public List<String> keys() {
        List<String> all = new ArrayList<>(1 + aliases.size());
        all.add(key);
        all.addAll(aliases);
        return all;
    }

    public OptionType<T> type() {
        return type;
    }

    public @Nullable String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean hasRange() {
        return ranged;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public List<String> allowedValues() {
        return allowedValues;
    }

    public boolean isReconfigurable() {
        return reconfigurable;
    }

    public boolean isRequired() {
        return required;
    }

    public Level level() {
        return level;
    }

    public List<String> tags() {
        return tags;
    }

    /** True if the key has wildcards ({@code auth.addr.*.allow}) and so stands for many keys. */
    public boolean isPattern() {
        return Glob.isPattern(key);
    }

    /** True if {@code k} names this option: the key, an alias, or a match of a wildcard key. */
    public boolean matches(String k) {
        for (String candidate : keys()) {
            if (Glob.matches(candidate, k)) {
                return true;
            }
        }
        return false;
    }

    // ---- values ----

    /**
     * Parses and checks {@code text}: the type's syntax, then the allowed values, then the range.
     *
     * @throws OptionException saying what was wrong and what was expected
     */
    public T parse(String text) throws OptionException {
        Objects.requireNonNull(text, "text");
        if (!allowedValues.isEmpty()) {
            checkAllowed(text);
        }
        T value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(key, text, e.getMessage());
        }
        if (ranged) {
            java.util.OptionalDouble out = type.magnitudes(value).filter(m -> m < min || m > max).findFirst();
            if (out.isPresent()) {
                String item = type.magnitudes(value).count() > 1 ? "'" + formatBound(out.getAsDouble()) + "' in " : "";
                throw new OptionException(key, text, item + "'" + text + "' is out of range [" + formatBound(min) + " - "
                        + formatBound(max) + "]" + unitNote());
            }
        }
        return value;
    }

    private void checkAllowed(String text) throws OptionException {
        if (text.isBlank()) {
            throw new OptionException(key, text, "empty value; possible values are " + String.join(", ", allowedValues));
        }
        for (String allowed : allowedValues) {
            if (Glob.matches(allowed, text)) {
                return;
            }
        }
        for (String allowed : allowedValues) {
            if (!Glob.isPattern(allowed) && allowed.equalsIgnoreCase(text)) {
                throw new OptionException(key, text, "'" + text + "' is not valid (values are case-sensitive; did you mean '"
                        + allowed + "'?)");
            }
        }
        throw new OptionException(key, text, "'" + text + "' is not valid (possible values are "
                + String.join(", ", allowedValues) + ")");
    }

    /** The parsed default, or null when the option has none. */
    @SuppressWarnings("unchecked")
    public @Nullable T parsedDefault() {
        Object p = parsed;
        if (p == UNPARSED) {
            p = parseDefault();
            parsed = p;
        }
        return (T) p;
    }

    private @Nullable T parseDefault() {
        if (defaultValue == null) {
            return null;
        }
        try {
            return parse(defaultValue);
        } catch (OptionException e) {
            throw new IllegalStateException("default of option '" + key + "' does not parse: " + e.getMessage());
        }
    }

    /** The text of {@code value} in volfile syntax. */
    public String format(T value) {
        return type.format(value);
    }

    private static String formatBound(double v) {
        return OptionTypes.formatDouble(v);
    }

    private String unitNote() {
        if (type == OptionTypes.SIZE || type == OptionTypes.PERCENT_OR_SIZE || type == OptionTypes.SIZE_LIST) {
            return " bytes";
        }
        if (type == OptionTypes.TIME) {
            return " seconds";
        }
        return "";
    }

    /**
     * Help text: key, type, default, range, allowed values and description, e.g.
     * {@code encrypt-write (bool, default on, reconfigurable): Encode data before it is written.}
     */
    public String help() {
        StringBuilder sb = new StringBuilder(key);
        sb.append(" (").append(type.name());
        if (defaultValue != null) {
            sb.append(", default ").append(defaultValue.isEmpty() ? "\"\"" : defaultValue);
        } else if (required) {
            sb.append(", required");
        }
        if (ranged) {
            sb.append(", ").append(formatBound(min)).append("..").append(formatBound(max)).append(unitNote());
        }
        if (!allowedValues.isEmpty()) {
            sb.append(", one of ").append(String.join("|", allowedValues));
        }
        if (reconfigurable) {
            sb.append(", reconfigurable");
        }
        if (level != Level.BASIC) {
            sb.append(", ").append(level.name().toLowerCase(Locale.ROOT));
        }
        sb.append(')');
        if (!aliases.isEmpty()) {
            sb.append(" alias ").append(String.join(", ", aliases));
        }
        if (!description.isEmpty()) {
            sb.append(": ").append(description);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Option[" + key + " " + type.name() + "]";
    }
}
