package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IattTest {

    @Test
    void modeCombinesTypeAndPermissions() {
        Iatt a = Iatt.builder().mode(0100644).build();
        assertThat(a.type()).isEqualTo(IaType.REGULAR);
        assertThat(a.prot()).isEqualTo(0644);
        assertThat(a.mode()).isEqualTo(0100644);
        assertThat(Iatt.builder().mode(041777).build().isDirectory()).isTrue();
        assertThat(Iatt.builder().mode(0120777).build().isSymlink()).isTrue();
    }

    @Test
    void inoComesFromTheGfid() {
        Gfid g = Gfid.parse("00000000-0000-0000-0000-0000000000ff");
        assertThat(Iatt.builder().gfid(g).build().ino()).isEqualTo(255);
    }

    @Test
    void builderRoundTripsEveryField() {
        Iatt a = Iatt.builder().flags(Iatt.VALID_BASIC).gfid(Gfid.random()).mode(0100600).dev(1).rdev(2).size(3)
                .nlink(4).uid(5).gid(6).blksize(4096).blocks(8).atime(9, 10).mtime(11, 12).ctime(13, 14).btime(15, 16)
                .attributes(17).attributesMask(18).build();
        assertThat(a.toBuilder().build()).isEqualTo(a);
        assertThat(a.mtime().getNano()).isEqualTo(12);
        assertThat(a.withSize(99).size()).isEqualTo(99);
    }

    @Test
    void badValuesAreRejectedByName() {
        assertThatThrownBy(() -> Iatt.builder().prot(010000).build()).hasMessageContaining("outside 07777");
        assertThatThrownBy(() -> Iatt.builder().mtime(0, 1_000_000_000).build()).hasMessageContaining("mtime nanoseconds");
    }

    @Test
    void typesMapToModeBitsAndDirentTypes() {
        for (IaType t : IaType.values()) {
            assertThat(IaType.ofNumber(t.number())).isSameAs(t);
            if (t != IaType.INVAL) {
                assertThat(IaType.ofMode(t.modeBits() | 0755)).isSameAs(t);
                assertThat(IaType.ofDirentType(t.direntType())).isSameAs(t);
            }
        }
        assertThat(IaType.DIRECTORY.direntType()).isEqualTo(4);
        assertThat(IaType.REGULAR.direntType()).isEqualTo(8);
        assertThatThrownBy(() -> IaType.ofNumber(8)).hasMessageContaining("0..7");
    }

    @Test
    void bytesCompareByContentAndPrintAsHex() {
        assertThat(Bytes.fromHex("0x00000001")).isEqualTo(Bytes.of((byte) 0, (byte) 0, (byte) 0, (byte) 1));
        assertThat(Bytes.utf8("ab").toString()).isEqualTo("0x6162");
        assertThat(Bytes.fromHex("6162").utf8()).isEqualTo("ab");
        assertThatThrownBy(() -> Bytes.fromHex("abc")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Bytes.fromHex("zz")).hasMessageContaining("not hex");
    }

    @Test
    void lockValuesCheckTheirRanges() {
        assertThatThrownBy(() -> new Flock(LockType.READ, 3, 0, 0, 1, LkOwner.NONE)).hasMessageContaining("whence 3");
        assertThatThrownBy(() -> new LeaseInfo(LeaseInfo.SET_LEASE, LeaseInfo.RD_LEASE, Bytes.of((byte) 1), 0))
                .hasMessageContaining("16 bytes, got 1");
        assertThatThrownBy(() -> new LkOwner(Bytes.wrap(new byte[1025]))).hasMessageContaining("at most 1024");
        assertThat(new Flock(LockType.WRITE, 0, 10, 0, 1, LkOwner.NONE).end()).isEqualTo(Long.MAX_VALUE);
        assertThat(new Flock(LockType.WRITE, 0, 10, 5, 1, LkOwner.NONE).end()).isEqualTo(14);
        assertThat(LkCmd.ofCode(2)).isSameAs(LkCmd.SETLKW);
        assertThatThrownBy(() -> XattropType.ofCode(7)).hasMessageContaining("0..6");
    }
}
