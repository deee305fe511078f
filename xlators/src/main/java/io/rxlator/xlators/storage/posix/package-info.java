/** {@code storage/posix}: bricks on local directories in GlusterFS's on-disk format. */
@NullMarked
package io.rxlator.xlators.storage.posix;

import org.jspecify.annotations.NullMarked;
