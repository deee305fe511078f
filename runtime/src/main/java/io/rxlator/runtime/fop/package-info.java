/**
 * The fop model: one request and one reply record per GlusterFS fop, the {@link io.rxlator.runtime.fop.FopType}
 * table, and the values they carry ({@link io.rxlator.runtime.fop.Iatt}, {@link io.rxlator.runtime.fop.Loc},
 * {@link io.rxlator.runtime.fop.Xdata}, {@link io.rxlator.runtime.fop.Errno}, data buffers, locks).
 */
@NullMarked
package io.rxlator.runtime.fop;

import org.jspecify.annotations.NullMarked;
