/**
 * The simulated address space: statics, thread-locals, per-thread stacks, the heap, Box and Vec
 * buffers, laid out as bytes at deterministic addresses, with the checks that name each kind of
 * undefined behaviour where it happens.
 *
 * <p>Pointers are numbers plus provenance (the allocation they were derived from, as in Miri), so
 * an address that has been reused by a newer allocation is still recognised as dangling. Memory is
 * passive: it answers where an access lands and what it reads; the interpreter decides what to
 * record and the detector decides whether it races. Depends on {@code value} and {@code sync}.
 */
@NullMarked
package org.racelab.memory;

import org.jspecify.annotations.NullMarked;
