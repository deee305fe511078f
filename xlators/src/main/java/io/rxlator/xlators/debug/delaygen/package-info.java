/** {@code debug/delay-gen}: delays fops with a timer. */
@NullMarked
package io.rxlator.xlators.debug.delaygen;

import org.jspecify.annotations.NullMarked;
