/** {@code debug/trace}. */
@NullMarked
package io.rxlator.xlators.debug.trace;

import org.jspecify.annotations.NullMarked;
