/** The wire format of protocol/client and protocol/server: frames and the one fop codec. */
@NullMarked
package io.rxlator.xlators.protocol.wire;

import org.jspecify.annotations.NullMarked;
