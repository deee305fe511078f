/**
 * Test support for translators: a harness that runs one translator above a recording stub,
 * the stub itself, and seeded sample requests and replies for every fop.
 */
@NullMarked
package io.rxlator.testkit;

import org.jspecify.annotations.NullMarked;
