package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.XattropType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of {@code xattrop}, as GlusterFS's storage/posix does it: element-wise
 * addition of big-endian int32 ({@code ADD_ARRAY}) or int64 ({@code ADD_ARRAY64}) arrays, the
 * {@code _WITH_DEFAULT} variants (the operand's second half is a default added where the stored
 * element is zero or absent), and {@code GET_AND_SET}. An all-zero operand reads without
 * writing. OR and AND are not implemented by GlusterFS's posix and fail with EINVAL here too.
 */
public final class XattropMath {

    /**
     * What to store and what to reply for one key.
     *
     * @param store the new stored value, or null to leave the attribute as it is
     * @param reply the value to put in the reply dict, or null to leave the key out
     */
    public record Outcome(@Nullable Bytes store, @Nullable Bytes reply) {
    }

    private XattropMath() {
    }

    /**
     * @param stored the current value, or null when the attribute does not exist
     * @param operand the value the request carries for this key
     * @throws FopException ERANGE when the stored value is longer than the operand (GlusterFS reads
     *     it into a buffer of the operand's size), EINVAL for an operation posix does not implement
     */
    public static Outcome apply(XattropType type, String key, @Nullable Bytes stored, Bytes operand) {
        boolean withDefault = type == XattropType.ADD_ARRAY_WITH_DEFAULT || type == XattropType.ADD_ARRAY64_WITH_DEFAULT;
        int count = withDefault ? operand.length() / 2 : operand.length();
        if (type == XattropType.OR_ARRAY || type == XattropType.AND_ARRAY) {
            throw FopException.of(Errno.EINVAL, "xattrop " + type + " on '" + key + "' is not implemented by storage");
        }
        if (stored != null && stored.length() > count) {
            throw FopException.of(Errno.ERANGE, "xattrop on '" + key + "': the stored value has " + stored.length()
                    + " bytes, more than the " + count + " given");
        }
        if (type == XattropType.GET_AND_SET) {
            return new Outcome(operand, stored == null ? null : padded(stored, count));
        }
        byte[] current = padded(stored, count).toByteArray();
        if (isZero(operand)) {
            return new Outcome(null, Bytes.wrap(current));
        }
        ByteBuffer dst = ByteBuffer.wrap(current);
        ByteBuffer src = operand.asReadOnlyBuffer();
        switch (type) {
            case ADD_ARRAY -> {
                for (int i = 0; i + 4 <= count; i += 4) {
                    dst.putInt(i, dst.getInt(i) + src.getInt(i));
                }
            }
            case ADD_ARRAY64 -> {
                for (int i = 0; i + 8 <= count; i += 8) {
                    dst.putLong(i, dst.getLong(i) + src.getLong(i));
                }
            }
            case ADD_ARRAY_WITH_DEFAULT -> {
                for (int i = 0; i + 4 <= count; i += 4) {
                    int d = dst.getInt(i);
                    dst.putInt(i, d == 0 ? src.getInt(i) + src.getInt(count + i) : d + src.getInt(i));
                }
            }
            case ADD_ARRAY64_WITH_DEFAULT -> {
                for (int i = 0; i + 8 <= count; i += 8) {
                    long d = dst.getLong(i);
                    dst.putLong(i, d == 0 ? src.getLong(i) + src.getLong(count + i) : d + src.getLong(i));
                }
            }
            default -> throw new AssertionError(type);
        }
        Bytes result = Bytes.wrap(current);
        return new Outcome(result, result);
    }

    private static Bytes padded(@Nullable Bytes stored, int count) {
        byte[] out = new byte[count];
        if (stored != null) {
            stored.copyTo(out, 0);
        }
        return Bytes.wrap(out);
    }

    private static boolean isZero(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
