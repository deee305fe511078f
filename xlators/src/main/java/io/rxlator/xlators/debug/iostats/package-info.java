/** {@code debug/io-stats}: per-fop counts, latency percentiles, bytes and block sizes. */
@NullMarked
package io.rxlator.xlators.debug.iostats;

import org.jspecify.annotations.NullMarked;
