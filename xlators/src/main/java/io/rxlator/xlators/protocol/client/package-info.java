/** {@code protocol/client}. */
@NullMarked
package io.rxlator.xlators.protocol.client;

import org.jspecify.annotations.NullMarked;
