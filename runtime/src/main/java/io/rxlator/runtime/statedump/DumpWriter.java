package io.rxlator.runtime.statedump;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects a state dump in GlusterFS's statedump shape: named sections, each a list of
 * {@code key=value} lines. Translators write their private state with
 * {@code out.section(name + ".priv").put("entries", n)}; {@link #toString()} renders
 * {@code [section]} headers followed by the lines.
 */
public final class DumpWriter {

    private final Map<String, List<String[]>> sections = new LinkedHashMap<>();
    private List<String[]> current;

    /** Starts (or continues) the section called {@code name}; later {@link #put} calls go there. */
    public DumpWriter section(String name) {
        Objects.requireNonNull(name, "name");
        current = sections.computeIfAbsent(name, n -> new ArrayList<>());
        return this;
    }

    /** Adds {@code key=value} to the current section. */
    public DumpWriter put(String key, Object value) {
        if (current == null) {
            throw new IllegalStateException("put(" + key + ") before any section()");
        }
        current.add(new String[] {Objects.requireNonNull(key, "key"), String.valueOf(value)});
        return this;
    }

    /** The section names, in the order they were started. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** The lines of a section as a key-to-value map (a later key wins), or an empty map. */
    public Map<String, String> entries(String section) {
        List<String[]> lines = sections.get(section);
        if (lines == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] kv : lines) {
            out.put(kv[0], kv[1]);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sections.forEach((name, lines) -> {
            sb.append('[').append(name).append("]\n");
            for (String[] kv : lines) {
                sb.append(kv[0]).append('=').append(kv[1]).append('\n');
            }
            sb.append('\n');
        });
        return sb.toString();
    }
}
