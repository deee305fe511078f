/** What the debug translators share. */
@NullMarked
package io.rxlator.xlators.debug.common;

import org.jspecify.annotations.NullMarked;
