/**
 * Inodes, fds and the inode table, with typed per-translator context slots.
 */
@NullMarked
package io.rxlator.runtime.inode;

import org.jspecify.annotations.NullMarked;
