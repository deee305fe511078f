/**
 * Volfiles (parse, write, build in Java), the translator registry, and built graphs.
 */
@NullMarked
package io.rxlator.runtime.graph;

import org.jspecify.annotations.NullMarked;
