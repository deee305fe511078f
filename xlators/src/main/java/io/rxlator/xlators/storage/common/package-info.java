/** Pieces the storage translators share: permission checks, name rules, xattrop arithmetic, checksums. */
@NullMarked
package io.rxlator.xlators.storage.common;

import org.jspecify.annotations.NullMarked;
