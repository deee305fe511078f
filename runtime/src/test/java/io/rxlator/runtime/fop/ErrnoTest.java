package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void numbersAreLinuxNumbers() {
        assertThat(Errno.EPERM.code()).isEqualTo(1);
        assertThat(Errno.ENOENT.code()).isEqualTo(2);
        assertThat(Errno.EIO.code()).isEqualTo(5);
        assertThat(Errno.EAGAIN.code()).isEqualTo(11);
        assertThat(Errno.EACCES.code()).isEqualTo(13);
        assertThat(Errno.EEXIST.code()).isEqualTo(17);
        assertThat(Errno.EXDEV.code()).isEqualTo(18);
        assertThat(Errno.ENOTDIR.code()).isEqualTo(20);
        assertThat(Errno.EISDIR.code()).isEqualTo(21);
        assertThat(Errno.EROFS.code()).isEqualTo(30);
        assertThat(Errno.ENAMETOOLONG.code()).isEqualTo(36);
        assertThat(Errno.ENOSYS.code()).isEqualTo(38);
        assertThat(Errno.ENOTEMPTY.code()).isEqualTo(39);
        assertThat(Errno.ENODATA.code()).isEqualTo(61);
        assertThat(Errno.EOPNOTSUPP.code()).isEqualTo(95);
        assertThat(Errno.ENOTCONN.code()).isEqualTo(107);
        assertThat(Errno.ESTALE.code()).isEqualTo(116);
        assertThat(Errno.EDQUOT.code()).isEqualTo(122);
    }

    @Test
    void aliasesShareTheirNumber() {
        assertThat(Errno.EWOULDBLOCK).isSameAs(Errno.EAGAIN);
        assertThat(Errno.ENOTSUP).isSameAs(Errno.EOPNOTSUPP);
        assertThat(Errno.ENOATTR).isSameAs(Errno.ENODATA);
        assertThat(Errno.EDEADLOCK).isSameAs(Errno.EDEADLK);
    }

    @Test
    void everyCodeMapsBack() {
        for (Errno e : Errno.values()) {
            assertThat(Errno.of(e.code())).isSameAs(e);
            assertThat(e.message()).isNotBlank();
        }
    }

    @Test
    void unknownNumbersAreRejectedOrBecomeEio() {
        assertThatThrownBy(() -> Errno.of(41)).hasMessageContaining("41");
        assertThatThrownBy(() -> Errno.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Errno.of(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Errno.orEio(9999)).isSameAs(Errno.EIO);
        assertThat(Errno.orEio(2)).isSameAs(Errno.ENOENT);
    }

    @Test
    void describeGivesNameAndMessage() {
        assertThat(Errno.ENOENT.describe()).isEqualTo("ENOENT (No such file or directory)");
    }

    @Test
    void sharedExceptionsAreStacklessAndImmutable() {
        FopException e = FopException.of(Errno.ENOENT);
        assertThat(e).isSameAs(FopException.of(Errno.ENOENT));
        assertThat(e.getStackTrace()).isEmpty();
        e.addSuppressed(new RuntimeException("ignored"));
        assertThat(e.getSuppressed()).isEmpty();
        assertThatThrownBy(() -> e.initCause(new RuntimeException())).isInstanceOf(IllegalStateException.class);
        assertThat(e.errno()).isSameAs(Errno.ENOENT);
        assertThat(e.getMessage()).isEqualTo("ENOENT (No such file or directory)");
    }

    @Test
    void exceptionsCarryXdata() {
        XdataKey<Integer> count = XdataKey.of("test.errno.count", XdataCodec.INT32);
        FopException e = FopException.of(Errno.EAGAIN, "locked", Xdata.of(count, 3));
        assertThat(e.xdata().get(count)).isEqualTo(3);
        assertThat(FopException.is(e, Errno.EAGAIN)).isTrue();
        assertThat(FopException.is(new RuntimeException(), Errno.EAGAIN)).isFalse();
        assertThat(e.withXdata(Xdata.EMPTY).xdata().isEmpty()).isTrue();
        assertThat(e.toString()).contains("EAGAIN").contains("locked");
    }
}
