/** {@code protocol/server}. */
@NullMarked
package io.rxlator.xlators.protocol.server;

import org.jspecify.annotations.NullMarked;
