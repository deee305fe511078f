package io.rxlator.xlators.storage.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.XattropType;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

class StorageCommonTest {

    @Test
    void weakChecksumIsAdlerStartedFromZero() {
        Random r = new Random(1);
        for (int n : new int[] {0, 1, 9, 5552, 5553, 100_000}) {
            byte[] data = new byte[n];
            r.nextBytes(data);
            Adler32 standard = new Adler32();
            standard.update(data);
            long a = (standard.getValue() & 0xFFFF) - 1;
            long b = (standard.getValue() >>> 16) - n % 65521;
            a = Math.floorMod(a, 65521);
            b = Math.floorMod(b, 65521);
            assertThat(Integer.toUnsignedLong(Checksums.weak(data, 0, n))).as("n=%d", n).isEqualTo((b << 16) | a);
        }
        byte[] w = "Wikipedia".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksums.weak(w, 0, w.length)).isEqualTo(0x11DD0397);
        assertThat(Checksums.strong(w, 0, w.length, false).length()).isEqualTo(16);
        assertThat(Checksums.strong(w, 0, w.length, true).length()).isEqualTo(32);
    }

    @Test
    void xattropFollowsGlusterfsPosix() {
        Bytes stored = Bytes.fromHex("0000000a");
        assertThat(XattropMath.apply(XattropType.ADD_ARRAY, "k", stored, Bytes.fromHex("00000005")).store())
                .isEqualTo(Bytes.fromHex("0000000f"));
        assertThat(XattropMath.apply(XattropType.ADD_ARRAY, "k", null, Bytes.fromHex("00000001")).reply())
                .isEqualTo(Bytes.fromHex("00000001"));
        assertThat(XattropMath.apply(XattropType.ADD_ARRAY_WITH_DEFAULT, "k", null, Bytes.fromHex("0000000200000003"))
                .store()).isEqualTo(Bytes.fromHex("00000005"));
        assertThat(XattropMath.apply(XattropType.ADD_ARRAY_WITH_DEFAULT, "k", Bytes.fromHex("00000001"),
                Bytes.fromHex("0000000200000003")).store()).isEqualTo(Bytes.fromHex("00000003"));
        XattropMath.Outcome zero = XattropMath.apply(XattropType.ADD_ARRAY, "k", stored, Bytes.fromHex("00000000"));
        assertThat(zero.store()).isNull();
        assertThat(zero.reply()).isEqualTo(stored);
        XattropMath.Outcome swap = XattropMath.apply(XattropType.GET_AND_SET, "k", null, Bytes.fromHex("01"));
        assertThat(swap.store()).isEqualTo(Bytes.fromHex("01"));
        assertThat(swap.reply()).isNull();
        assertThatThrownBy(() -> XattropMath.apply(XattropType.ADD_ARRAY, "k", Bytes.fromHex("0000000000"),
                Bytes.fromHex("00000001"))).isInstanceOfSatisfying(FopException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ERANGE));
        assertThatThrownBy(() -> XattropMath.apply(XattropType.OR_ARRAY, "k", null, Bytes.fromHex("00000001")))
                .isInstanceOfSatisfying(FopException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThat(XattropMath.apply(XattropType.ADD_ARRAY, "k", Bytes.fromHex("7fffffff"), Bytes.fromHex("00000001"))
                .store()).as("wraps like the C int32 it is").isEqualTo(Bytes.fromHex("80000000"));
    }

    @Test
    void permissionsFollowPosix() {
        CallContext owner = CallContext.of(10, 20);
        CallContext group = CallContext.of(11, 20);
        CallContext other = CallContext.of(12, 21);
        assertThat(Permissions.allowed(owner, 0640, 10, 20, false, Permissions.R_OK | Permissions.W_OK)).isTrue();
        assertThat(Permissions.allowed(group, 0640, 10, 20, false, Permissions.R_OK)).isTrue();
        assertThat(Permissions.allowed(group, 0640, 10, 20, false, Permissions.W_OK)).isFalse();
        assertThat(Permissions.allowed(other, 0640, 10, 20, false, Permissions.R_OK)).isFalse();
        assertThat(Permissions.allowed(CallContext.ROOT, 0000, 10, 20, false, Permissions.R_OK | Permissions.W_OK)).isTrue();
        assertThat(Permissions.allowed(CallContext.ROOT, 0644, 10, 20, false, Permissions.X_OK)).isFalse();
        assertThat(Permissions.allowed(CallContext.ROOT, 0644, 10, 20, true, Permissions.X_OK)).isTrue();
        assertThatThrownBy(() -> Permissions.checkSticky(other, 01777, 0, 10, "rm")).isInstanceOfSatisfying(
                FopException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
        Permissions.checkSticky(owner, 01777, 0, 10, "rm");
    }

    @Test
    void namesFollowLinuxLimits() {
        assertThatThrownBy(() -> Names.checkComponent("a".repeat(256))).isInstanceOfSatisfying(FopException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENAMETOOLONG));
        assertThatThrownBy(() -> Names.checkComponent("é".repeat(128))).isInstanceOfSatisfying(FopException.class,
                e -> assertThat(e.errno()).as("256 bytes in UTF-8").isEqualTo(Errno.ENAMETOOLONG));
        Names.checkComponent("a".repeat(255));
        assertThatThrownBy(() -> Names.checkXattr("user.x", 65537)).isInstanceOfSatisfying(FopException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.E2BIG));
    }
}
