package io.rxlator.runtime.option;

import io.rxlator.runtime.internal.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checked option values of one translator: what the volfile set, parsed, plus the
 * declared defaults. Read a value with {@code options.get(KEY)}. Immutable.
 */
public final class Options {

    /** No options declared, none set. */
    public static final Options EMPTY = new Options(List.of(), Map.of(), Map.of());

    /** The outcome of {@link #parse}: the options that parsed, and a problem for each that did not. */
    public record Parsed(Options options, List<OptionException> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final List<Option<?>> declared;
    private final Map<String, String> written;
    private final Map<String, Object> values;

    private Options(List<Option<?>> declared, Map<String, String> written, Map<String, Object> values) {
        this.declared = declared;
        this.written = written;
        this.values = values;
    }

    /**
     * Checks every set value against the declarations: unknown keys (with a suggestion), keys
     * set twice through aliases, values the type or range rejects, and required options left
     * unset. Aliases are renamed to the canonical key. Every problem is reported, not just the
     * first.
     *
     * @param declared the options the translator accepts
     * @param set the keys and values as written, in order
     */
    public static Parsed parse(List<Option<?>> declared, Map<String, String> set) {
        List<OptionException> problems = new ArrayList<>();
        Map<String, String> written = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            String key = e.getKey();
            String text = e.getValue();
            Option<?> option = find(declared, key);
            if (option == null) {
                problems.add(new OptionException(key, text, unknownKeyMessage(key, declared)));
                continue;
            }
            String canonical = option.isPattern() ? key : option.key();
            String earlier = spelledAs.putIfAbsent(canonical, key);
            if (earlier != null) {
                problems.add(new OptionException(key, text, "option '" + canonical + "' is set twice (as '" + earlier
                        + "' and as '" + key + "')"));
                continue;
            }
            try {
                values.put(canonical, option.parse(text));
                written.put(canonical, text);
            } catch (OptionException ex) {
                problems.add(new OptionException(key, text, ex.getMessage()));
            }
        }
        for (Option<?> o : declared) {
            if (o.isRequired() && !o.isPattern() && !spelledAs.containsKey(o.key())) {
                problems.add(new OptionException(o.key(), null, "required option '" + o.key() + "' is not set ("
                        + o.type().expected() + ")"));
            }
        }
        Options options = new Options(List.copyOf(declared), Collections.unmodifiableMap(written),
                Collections.unmodifiableMap(values));
        return new Parsed(options, List.copyOf(problems));
    }

    /**
     * Like {@link #parse} but fails on the first problem; for options built in code.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static Options of(List<Option<?>> declared, Map<String, String> set) {
        Parsed p = parse(declared, set);
        if (!p.ok()) {
            StringBuilder sb = new StringBuilder("invalid options:");
            for (OptionException e : p.problems()) {
                sb.append("\n  ").append(e.key()).append(": ").append(e.getMessage());
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return p.options();
    }

    private static @Nullable Option<?> find(List<Option<?>> declared, String key) {
        for (Option<?> o : declared) {
            if (o.key().equals(key) || o.aliases().contains(key)) {
                return o;
            }
        }
        for (Option<?> o : declared) {
            if (o.matches(key)) {
                return o;
            }
        }
        return null;
    }

    private static String unknownKeyMessage(String key, List<Option<?>> declared) {
        Set<String> known = new LinkedHashSet<>();
        for (Option<?> o : declared) {
            known.addAll(o.keys());
        }
        if (known.isEmpty()) {
            return "unknown option '" + key + "' (this translator takes no options)";
        }
        return "unknown option '" + key + "'" + Suggest.didYouMean(key, known) + " (known: " + String.join(", ", known)
                + ")";
    }

    /**
     * The value of {@code option}: what the volfile set, else the default, else null.
     *
     * @throws IllegalArgumentException if the option is not one this translator declares
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Option<T> option) {
        Object v = values.get(option.key());
        if (v != null) {
            return (T) v;
        }
        requireDeclared(option);
        return option.parsedDefault();
    }

    /** The value of {@code option}, or {@code fallback} when it is neither set nor defaulted. */
    public <T> T getOrDefault(Option<T> option, T fallback) {
        T v = get(option);
        return v == null ? fallback : v;
    }

    /** True if the volfile set the option (under its key or an alias). */
    public boolean isSet(Option<?> option) {
        requireDeclared(option);
        return values.containsKey(option.key());
    }

    /** Every set key that a wildcard option matches, with its value ({@code auth.addr.*.allow}). */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> matching(Option<T> option) {
        requireDeclared(option);
        Map<String, T> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (option.matches(k)) {
                out.put(k, (T) v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The set options as written, by canonical key, in volfile order. */
    public Map<String, String> written() {
        return written;
    }

    /** The options the translator declares. */
    public List<Option<?>> declared() {
        return declared;
    }

    /** The canonical keys whose values differ between this and {@code other} (set, unset, or changed). */
    public Set<String> changedKeys(Options other) {
        Set<String> keys = new LinkedHashSet<>(values.keySet());
        keys.addAll(other.values.keySet());
        Set<String> changed = new LinkedHashSet<>();
        for (String k : keys) {
            if (!Objects.equals(values.get(k), other.values.get(k))) {
                changed.add(k);
            }
        }
        return changed;
    }

    /** The declaration that {@code key} belongs to, or null. */
    public @Nullable Option<?> declarationOf(String key) {
        return find(declared, key);
    }

    private void requireDeclared(Option<?> option) {
        if (!declared.contains(option)) {
            for (Option<?> d : declared) {
                if (d.key().equals(option.key())) {
                    return;
                }
            }
            throw new IllegalArgumentException("option '" + option.key() + "' is not declared by this translator");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return written.toString();
    }
}
