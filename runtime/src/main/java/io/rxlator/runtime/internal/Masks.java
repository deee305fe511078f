package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Translator;

/**
 * Which fop methods and callbacks a translator class really overrides, computed once per
 * class (like Netty's {@code ChannelHandlerMask}). The router skips a translator for every
 * fop it does not override, and the graph calls only the callbacks it does.
 */
final class Masks {

    static final int FORGET = 1;
    static final int RELEASE = 2;
    static final int RELEASEDIR = 4;
    static final int INVALIDATE = 8;

    /** Every fop bit set: a translator that sees all fops (a lambda, or one that overrides handle). */
    static final long ALL_FOPS = FopType.count() == 64 ? -1L : (1L << FopType.count()) - 1;

    private static final ClassValue<Long> FOPS = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            if (!ForwardingTranslator.class.isAssignableFrom(type)) {
                return ALL_FOPS;
            }
            long mask = 0;
            for (FopType t : FopType.values()) {
                if (overrides(type, t.methodName(), t.requestType())) {
                    mask |= 1L << t.ordinal();
                }
            }
            return mask;
        }
    };

    private static final ClassValue<Integer> CALLBACKS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            int mask = 0;
            if (overridesDefault(type, "forget", Inode.class)) {
                mask |= FORGET;
            }
            if (overridesDefault(type, "release", Fd.class)) {
                mask |= RELEASE;
            }
            if (overridesDefault(type, "releasedir", Fd.class)) {
                mask |= RELEASEDIR;
            }
            if (overridesDefault(type, "invalidate", Inode.class)) {
                mask |= INVALIDATE;
            }
            return mask;
        }
    };

    private Masks() {
    }

    /** The fop bits ({@code 1L << FopType.ordinal()}) the class handles itself. */
    static long fops(Class<? extends Translator> type) {
        return FOPS.get(type);
    }

    /** The callback bits the class overrides. */
    static int callbacks(Class<? extends Translator> type) {
        return CALLBACKS.get(type);
    }

    private static boolean overrides(Class<?> type, String method, Class<?> param) {
        for (Class<?> c = type; c != null && c != ForwardingTranslator.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(method, param);
                return true;
            } catch (NoSuchMethodException e) {
                // keep looking in the superclass
            }
        }
        return false;
    }

    private static boolean overridesDefault(Class<?> type, String method, Class<?> param) {
        try {
            return type.getMethod(method, param).getDeclaringClass() != Translator.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
