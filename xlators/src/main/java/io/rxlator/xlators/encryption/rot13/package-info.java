/** {@code encryption/rot-13}: the Translator 101 demo translator. */
@NullMarked
package io.rxlator.xlators.encryption.rot13;

import org.jspecify.annotations.NullMarked;
