/** {@code features/negative}: the negative-lookup cache (GlusterFS's {@code performance/nl-cache}). */
@NullMarked
package io.rxlator.xlators.features.negative;

import org.jspecify.annotations.NullMarked;
