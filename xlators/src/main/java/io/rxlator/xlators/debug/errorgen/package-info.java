/** {@code debug/error-gen}. */
@NullMarked
package io.rxlator.xlators.debug.errorgen;

import org.jspecify.annotations.NullMarked;
