package io.rxlator.runtime.graph;

import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A graph description: volumes in the order they are defined, the last one being the top.
 * Read one from GlusterFS volfile text ({@link #parse}), or build one in Java
 * ({@link #builder()}); either way it can be written back as volfile text ({@link #write()})
 * and built into a running {@link Graph}.
 *
 * <pre>{@code
 * Volfile v = Volfile.builder()
 *         .volume("my-posix", "storage/posix", vol -> vol.option("directory", "/play/export"))
 *         .volume("my-rot13", "encryption/rot-13", vol -> vol.subvolumes("my-posix"))
 *         .build();
 * }</pre>
 *
 * <p>Parsing checks syntax only; whether types exist, options are valid and children are
 * defined is checked when the graph is built ({@link Graph#check}).
 */
public final class Volfile {

    private final List<VolumeSpec> volumes;
    private final @Nullable String source;

    private Volfile(List<VolumeSpec> volumes, @Nullable String source) {
        this.volumes = List.copyOf(volumes);
        this.source = source;
    }

    /**
     * Parses volfile text.
     *
     * @param source the file name used in messages
     * @throws VolfileException listing every syntax error
     */
    public static Volfile parse(String text, String source) throws VolfileException {
        List<Problem> problems = new ArrayList<>();
        List<VolumeSpec> volumes = VolfileParser.parse(text, source, problems, new LinkedHashSet<>());
        if (!problems.isEmpty()) {
            throw new VolfileException(problems);
        }
        return new Volfile(volumes, source);
    }

    /**
     * Reads and parses a volfile.
     *
     * @throws IOException if the file cannot be read
     * @throws VolfileException listing every syntax error
     */
    public static Volfile read(Path file) throws IOException, VolfileException {
        return parse(readText(file), file.toString());
    }

    static String readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Volfile of(List<VolumeSpec> volumes, @Nullable String source) {
        return new Volfile(volumes, source);
    }

    /** The volumes in definition order. */
    public List<VolumeSpec> volumes() {
        return volumes;
    }

    /** The top of the graph: the last volume defined, as in GlusterFS. */
    public VolumeSpec top() {
        if (volumes.isEmpty()) {
            throw new IllegalStateException("no volumes");
        }
        return volumes.get(volumes.size() - 1);
    }

    public Optional<VolumeSpec> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The file name given when parsing, or null for a volfile built in code. */
    public @Nullable String source() {
        return source;
    }

    /** The same volumes with another top: {@code name} moved to the end (GlusterFS's {@code --volume-name}). */
    public Volfile withTop(String name) {
        VolumeSpec v = volume(name).orElseThrow(() -> new IllegalArgumentException("no volume '" + name + "'"));
        List<VolumeSpec> out = new ArrayList<>(volumes);
        out.remove(v);
        out.add(v);
        return new Volfile(out, source);
    }

    /**
     * Writes the volfile as GlusterFS writes them: four-space indents, {@code type}, then
     * options, then {@code subvolumes}, a blank line between volumes. Values that need it are
     * quoted. Parsing the text gives back the same volumes.
     *
     * @throws IllegalArgumentException if a name or value holds a line break, which a volfile cannot
     *     hold, or a backquote, which GlusterFS would run as a command
     */
    public String write() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < volumes.size(); i++) {
            VolumeSpec v = volumes.get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("volume ").append(word(v.name())).append('\n');
            sb.append("    type ").append(word(v.type())).append('\n');
            for (OptionSetting o : v.options()) {
                sb.append("    option ").append(word(o.key())).append(' ').append(word(o.value())).append('\n');
            }
            if (!v.subvolumes().isEmpty()) {
                sb.append("    subvolumes");
                for (SubvolumeRef s : v.subvolumes()) {
                    sb.append(' ').append(word(s.name()));
                }
                sb.append('\n');
            }
            sb.append("end-volume\n");
        }
        return sb.toString();
    }

    private static final Set<String> KEYWORDS = Set.of("volume", "type", "option", "subvolumes", "subvolumeS",
            "end-volume");

    /** A token as the parser will read it back: quoted when it has to be. */
    static String word(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("'" + s.replace("\n", "\\n") + "' holds a line break, which a volfile cannot hold");
        }
        if (s.indexOf('`') >= 0) {
            throw new IllegalArgumentException("'" + s + "' holds a backquote, which a volfile reader would run as a command");
        }
        boolean quote = s.isEmpty() || s.startsWith("#") || KEYWORDS.contains(s)
                || KEYWORDS.contains(s.toLowerCase(Locale.ROOT));
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ' ' || c == '\t' || c == '"' || c == '\\' || c == '\f';
        }
        if (!quote) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Equal when the volumes are, line numbers aside. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Volfile other) || other.volumes.size() != volumes.size()) {
            return false;
        }
        for (int i = 0; i < volumes.size(); i++) {
            if (!volumes.get(i).withoutLines().equals(other.volumes.get(i).withoutLines())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return volumes.stream().map(VolumeSpec::withoutLines).toList().hashCode();
    }

    @Override
    public String toString() {
        return write();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a volfile in code. Volumes are defined in call order; the last is the top;
     * children must be defined before their parents, as in a volfile.
     */
    public static final class Builder {
        private final List<VolumeSpec> volumes = new ArrayList<>();

        private Builder() {
        }

        /** A volume of a registered type. */
        public Builder volume(String name, String type) {
            return volume(name, type, v -> { });
        }

        /** A volume of a registered type, with options and children set by {@code body}. */
        public Builder volume(String name, String type, Consumer<VolumeBuilder> body) {
            VolumeBuilder b = new VolumeBuilder(name, type, null);
            body.accept(b);
            volumes.add(b.build());
            return this;
        }

        /** A volume whose translator is given in code rather than registered. */
        public Builder volume(String name, TranslatorDescriptor descriptor, Consumer<VolumeBuilder> body) {
            VolumeBuilder b = new VolumeBuilder(name, descriptor.type(), descriptor);
            body.accept(b);
            volumes.add(b.build());
            return this;
        }

        public Volfile build() {
            return new Volfile(volumes, null);
        }
    }

    /** The options and children of one volume being built. */
    public static final class VolumeBuilder {
        private final String name;
        private final String type;
        private final @Nullable TranslatorDescriptor inline;
        private final List<OptionSetting> options = new ArrayList<>();
        private final List<SubvolumeRef> subvolumes = new ArrayList<>();

        private VolumeBuilder(String name, String type, @Nullable TranslatorDescriptor inline) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
            this.inline = inline;
        }

        /** {@code option key value}, as written in a volfile. */
        public VolumeBuilder option(String key, String value) {
            options.add(new OptionSetting(key, value, 0));
            return this;
        }

        /** {@code option key value}, the value formatted by the option's type. */
        public <T> VolumeBuilder option(Option<T> option, T value) {
            return option(option.key(), option.format(value));
        }

        /** The children, in order. */
        public VolumeBuilder subvolumes(String... names) {
            for (String n : names) {
                subvolumes.add(new SubvolumeRef(n, 0));
            }
            return this;
        }

        private VolumeSpec build() {
            return new VolumeSpec(name, type, options, subvolumes, 0, inline);
        }
    }
}
