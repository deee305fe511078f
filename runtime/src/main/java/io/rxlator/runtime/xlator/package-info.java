/**
 * The translator SPI: {@link io.rxlator.runtime.xlator.Translator}, the forwarding base, handles on
 * children, descriptors and lifecycle events.
 */
@NullMarked
package io.rxlator.runtime.xlator;

import org.jspecify.annotations.NullMarked;
