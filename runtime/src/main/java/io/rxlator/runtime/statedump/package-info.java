/** State dumps in GlusterFS statedump form. */
@NullMarked
package io.rxlator.runtime.statedump;

import org.jspecify.annotations.NullMarked;
