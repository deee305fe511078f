package io.rxlator.runtime.xlator;

/** Makes a translator (GlusterFS's {@code init}); throwing fails the graph with a message naming the volume. */
@FunctionalInterface
public interface TranslatorFactory {

    Translator create(TranslatorContext context) throws Exception;
}
