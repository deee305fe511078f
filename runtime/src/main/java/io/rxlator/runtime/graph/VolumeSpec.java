package io.rxlator.runtime.graph;

import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code volume ... end-volume} block: a translator's name, type, options and children.
 *
 * @param line the line of {@code volume NAME} (0 when built in code)
 * @param inline a descriptor given in code for a translator that is not registered, or null
 *     to look the type up in the registry
 * @param typeLine the line of {@code type CATEGORY/NAME}, where problems with the type are reported
 */
public record VolumeSpec(
        String name,
        String type,
        List<OptionSetting> options,
        List<SubvolumeRef> subvolumes,
        int line,
        @Nullable TranslatorDescriptor inline,
        int typeLine) {

    /** A volume whose type is on its {@code volume} line (built in code). */
    public VolumeSpec(String name, String type, List<OptionSetting> options, List<SubvolumeRef> subvolumes, int line,
            @Nullable TranslatorDescriptor inline) {
        this(name, type, options, subvolumes, line, inline, line);
    }

    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = List.copyOf(options);
        subvolumes = List.copyOf(subvolumes);
    }

    /** The options as key to value; for a key given twice, the last value. */
    public Map<String, String> optionMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (OptionSetting o : options) {
            m.put(o.key(), o.value());
        }
        return m;
    }

    /** The children's names, in order. */
    public List<String> subvolumeNames() {
        return subvolumes.stream().map(SubvolumeRef::name).toList();
    }

    /** The same volume with every line number set to 0: what equality of content compares. */
    public VolumeSpec withoutLines() {
        return new VolumeSpec(name, type,
                options.stream().map(o -> new OptionSetting(o.key(), o.value(), 0)).toList(),
                subvolumes.stream().map(s -> new SubvolumeRef(s.name(), 0)).toList(), 0, inline, 0);
    }
}
