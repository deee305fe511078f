/**
 * Option declarations ({@link io.rxlator.runtime.option.Option}) with GlusterFS's option types, and the
 * checked values of one translator ({@link io.rxlator.runtime.option.Options}).
 */
@NullMarked
package io.rxlator.runtime.option;

import org.jspecify.annotations.NullMarked;
