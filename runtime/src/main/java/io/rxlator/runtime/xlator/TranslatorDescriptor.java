package io.rxlator.runtime.xlator;

import io.rxlator.runtime.option.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the runtime needs to know about a translator type before making one
 * (GlusterFS's {@code xlator_api_t}): its type name, other names it answers to, how many
 * children it takes, its options, and the factory.
 *
 * <p>Translator jars publish descriptors through {@link java.util.ServiceLoader}: list a
 * class with a public no-argument constructor in
 * {@code META-INF/services/io.rxlator.runtime.xlator.TranslatorDescriptor}; extending
 * {@link DelegatingDescriptor} with a built descriptor is the short way.
 */
public interface TranslatorDescriptor {

    /** How finished a translator is. */
    enum Maturity {
        STABLE, TECH_PREVIEW, EXPERIMENTAL, DEPRECATED, TEST
    }

    /** The type name used in volfiles: {@code category/name}. */
    String type();

    /** Other type names this translator answers to (e.g. GlusterFS's name for the same thing). */
    default List<String> aliases() {
        return List.of();
    }

    /** How many children it takes. */
    Arity arity();

    /** The options it accepts ({@code log-level} is accepted by every translator and need not be listed). */
    default List<Option<?>> options() {
        return List.of();
    }

    /** One or two sentences on what it does, for {@code rxlator xlators}. */
    default String description() {
        return "";
    }

    default Maturity maturity() {
        return Maturity.STABLE;
    }

    /** Makes a translator. */
    Translator create(TranslatorContext context) throws Exception;

    /** Starts a descriptor for {@code type}. */
    static Builder builder(String type) {
        return new Builder(type);
    }

    /** Builds a {@link TranslatorDescriptor}. */
    final class Builder {
        private final String type;
        private final List<String> aliases = new ArrayList<>();
        private Arity arity = Arity.ONE;
        private final List<Option<?>> options = new ArrayList<>();
        private String description = "";
        private Maturity maturity = Maturity.STABLE;
        private TranslatorFactory factory;

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
            if (!type.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("translator type '" + type + "' is not category/name");
            }
        }

        public Builder alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        public Builder arity(Arity a) {
            arity = Objects.requireNonNull(a, "arity");
            return this;
        }

        public Builder options(Option<?>... opts) {
            options.addAll(List.of(opts));
            return this;
        }

        public Builder options(List<? extends Option<?>> opts) {
            options.addAll(opts);
            return this;
        }

        public Builder description(String text) {
            description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Builder maturity(Maturity m) {
            maturity = Objects.requireNonNull(m, "maturity");
            return this;
        }

        public Builder factory(TranslatorFactory f) {
            factory = Objects.requireNonNull(f, "factory");
            return this;
        }

        /**
         * @throws IllegalStateException if no factory was given or two options share a key
         */
        public TranslatorDescriptor build() {
            if (factory == null) {
                throw new IllegalStateException("translator type '" + type + "' has no factory");
            }
            List<String> keys = new ArrayList<>();
            for (Option<?> o : options) {
                for (String k : o.keys()) {
                    if (keys.contains(k)) {
                        throw new IllegalStateException("translator type '" + type + "' declares option '" + k + "' twice");
                    }
                    keys.add(k);
                }
            }
            return new Built(type, List.copyOf(aliases), arity, List.copyOf(options), description, maturity, factory);
        }
    }

    /** The descriptor a {@link Builder} makes. */
    record Built(String type, List<String> aliases, Arity arity, List<Option<?>> options, String description,
            Maturity maturity, TranslatorFactory factory) implements TranslatorDescriptor {

        @Override
        public Translator create(TranslatorContext context) throws Exception {
            return factory.create(context);
        }

        @Override
        public String toString() {
            return type;
        }
    }
}
