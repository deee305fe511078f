package io.rxlator.runtime.xlator;

import io.rxlator.runtime.option.Option;
import java.util.List;
import java.util.Objects;

/**
 * A descriptor class for {@link java.util.ServiceLoader}: extend it with a public
 * no-argument constructor that passes a built descriptor.
 *
 * <pre>{@code
 * public final class Rot13Descriptor extends DelegatingDescriptor {
 *     public Rot13Descriptor() {
 *         super(TranslatorDescriptor.builder("encryption/rot-13").arity(Arity.ONE)
 *                 .options(Rot13Translator.OPTIONS).factory(Rot13Translator::new).build());
 *     }
 * }
 * }</pre>
 */
public abstract class DelegatingDescriptor implements TranslatorDescriptor {

    private final TranslatorDescriptor delegate;

    protected DelegatingDescriptor(TranslatorDescriptor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public final String type() {
        return delegate.type();
    }

    @Override
    public final List<String> aliases() {
        return delegate.aliases();
    }

    @Override
    public final Arity arity() {
        return delegate.arity();
    }

    @Override
    public final List<Option<?>> options() {
        return delegate.options();
    }

    @Override
    public final String description() {
        return delegate.description();
    }

    @Override
    public final Maturity maturity() {
        return delegate.maturity();
    }

    @Override
    public final Translator create(TranslatorContext context) throws Exception {
        return delegate.create(context);
    }

    @Override
    public String toString() {
        return delegate.type();
    }
}
