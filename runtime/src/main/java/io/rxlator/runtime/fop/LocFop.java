package io.rxlator.runtime.fop;

/** A request that acts on one {@link Loc} (lookup, stat, mkdir, setxattr, …). */
public interface LocFop {

    Loc loc();
}
