/** {@code storage/memory}: a complete file system in memory. */
@NullMarked
package io.rxlator.xlators.storage.memory;

import org.jspecify.annotations.NullMarked;
