/** Runtime machinery: routing, guards, masks. Not an API; it may change at any time. */
@NullMarked
package io.rxlator.runtime.internal;

import org.jspecify.annotations.NullMarked;
