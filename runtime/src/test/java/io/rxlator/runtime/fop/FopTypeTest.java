package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Subvolume;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FopTypeTest {

    @Test
    void thereAreFiftyThreeFopsWithGlusterfsNumbers() {
        assertThat(FopType.count()).isEqualTo(53);
        assertThat(FopType.LOOKUP.number()).isEqualTo(27);
        assertThat(FopType.READV.number()).isEqualTo(12);
        assertThat(FopType.WRITEV.number()).isEqualTo(13);
        assertThat(FopType.READDIRP.number()).isEqualTo(40);
        assertThat(FopType.FREMOVEXATTR.number()).isEqualTo(45);
        assertThat(FopType.COPY_FILE_RANGE.number()).isEqualTo(58);
        Set<Integer> numbers = new HashSet<>();
        for (FopType t : FopType.values()) {
            assertThat(numbers.add(t.number())).as("number of %s is unique", t).isTrue();
            assertThat(FopType.ofNumber(t.number())).isSameAs(t);
        }
        // getspec, compound and the cbk placeholders are not fops here.
        assertThat(FopType.ofNumber(41)).isNull();
        assertThat(FopType.ofNumber(44)).isNull();
        assertThat(FopType.ofNumber(52)).isNull();
    }

    @Test
    void namesResolveTheGlusterfsWayAndOurs() {
        assertThat(FopType.ofName("READ")).isSameAs(FopType.READV);
        assertThat(FopType.ofName("write")).isSameAs(FopType.WRITEV);
        assertThat(FopType.ofName("readv")).isSameAs(FopType.READV);
        assertThat(FopType.ofName("copyFileRange")).isSameAs(FopType.COPY_FILE_RANGE);
        assertThat(FopType.ofName("COPY_FILE_RANGE")).isSameAs(FopType.COPY_FILE_RANGE);
        assertThat(FopType.ofName("nope")).isNull();
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void eachFopHasARecordPairAndAMethodOfItsName(FopType t) throws Exception {
        assertThat(t.requestType().getSimpleName() + "Reply").isEqualTo(t.replyType().getSimpleName());
        assertThat(t.requestType().isRecord()).isTrue();
        assertThat(t.replyType().isRecord()).isTrue();
        assertThat(ForwardingTranslator.class.getDeclaredMethod(t.methodName(), t.requestType()).getReturnType())
                .isEqualTo(reactor.core.publisher.Mono.class);
        assertThat(Subvolume.class.getMethod(t.methodName(), t.requestType())).isNotNull();
        assertThat(LocFop.class.isAssignableFrom(t.requestType())).isEqualTo(t.isLocBased());
        assertThat(FdFop.class.isAssignableFrom(t.requestType())).isEqualTo(t.isFdBased());
        // Every request starts with the caller and ends with xdata; every reply ends with xdata.
        var rc = t.requestType().getRecordComponents();
        assertThat(rc[0].getType()).isEqualTo(CallContext.class);
        assertThat(rc[rc.length - 1].getType()).isEqualTo(Xdata.class);
        var pc = t.replyType().getRecordComponents();
        assertThat(pc[pc.length - 1].getType()).isEqualTo(Xdata.class);
    }

    @Test
    void mutatingFopsAreTheOnesAReadOnlyVolumeRefuses() {
        assertThat(FopType.WRITEV.isMutating()).isTrue();
        assertThat(FopType.SETXATTR.isMutating()).isTrue();
        assertThat(FopType.RENAME.isMutating()).isTrue();
        assertThat(FopType.CREATE.isEntryOp()).isTrue();
        assertThat(FopType.READV.isMutating()).isFalse();
        assertThat(FopType.LOOKUP.isMutating()).isFalse();
        assertThat(FopType.LK.isMutating()).isFalse();
        assertThat(FopType.STAT.isLocBased()).isTrue();
        assertThat(FopType.FSTAT.isFdBased()).isTrue();
    }
}
