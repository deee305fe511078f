package io.rxlator.runtime.inode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs that once could corrupt or hang the table. */
class InodeTableHardeningTest {

    private final InodeTable table = new InodeTable();

    private static Iatt stat(IaType type) {
        return Iatt.builder().gfid(Gfid.random()).type(type).build();
    }

    @Test
    void aReplyWithoutAFileTypeIsRefused() {
        assertThatThrownBy(() -> table.link(table.newInode(), table.root(), "x", Iatt.builder().gfid(Gfid.random()).build()))
                .hasMessageContaining("no file type");
    }

    @Test
    void aGfidCannotChangeTypeSoADirectoryNeverGetsASecondName() {
        Iatt file = stat(IaType.REGULAR);
        table.link(table.newInode(), table.root(), "a", file);
        Iatt sameGfidAsDir = Iatt.builder().gfid(file.gfid()).type(IaType.DIRECTORY).build();
        assertThatThrownBy(() -> table.link(table.newInode(), table.root(), "b", sameGfidAsDir))
                .hasMessageContaining("is a REGULAR in the table but the reply says DIRECTORY");
    }

    @Test
    void aDeepChainIsCheckedWithoutRecursionAndWithABound() {
        Inode cur = table.root();
        for (int i = 0; i < 5000; i++) {
            Inode d = table.newInode();
            Iatt dir = stat(IaType.DIRECTORY);
            if (i >= 4096) {
                Inode parent = cur;
                assertThatThrownBy(() -> table.link(d, parent, "d", dir)).hasMessageContaining("nested deeper than 4096");
                return;
            }
            cur = table.link(d, cur, "d", dir);
        }
    }

    @Test
    void aFailedLinkChangesNothing() {
        Inode i = table.newInode();
        Iatt s = stat(IaType.REGULAR);
        assertThatThrownBy(() -> table.link(i, table.root(), "a/b", s)).hasMessageContaining("not a valid file name");
        Inode file = table.link(table.newInode(), table.root(), "f", stat(IaType.REGULAR));
        assertThatThrownBy(() -> table.link(i, file, "x", s)).hasMessageContaining("not a linked directory");
        assertThat(table.find(s.gfid())).isNull();
        assertThat(i.isLinked()).isFalse();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aPurgedInodeIsNeverLinkedAgain() {
        Iatt s = stat(IaType.REGULAR);
        Inode first = table.link(table.newInode(), table.root(), "f", s);
        table.unlink(first, table.root(), "f");
        assertThat(first.isLinked()).isFalse();
        Inode again = table.link(first, table.root(), "f", s);
        assertThat(again).isNotSameAs(first);
        assertThat(again.gfid()).isEqualTo(s.gfid());
        assertThat(table.find(s.gfid())).isSameAs(again);
        assertThat(first.isLinked()).isFalse();
    }

    @Test
    void aNamelessDirectoryGoesOnceItsLastChildNameDoes() {
        Iatt dirStat = stat(IaType.DIRECTORY);
        Inode dir = table.link(table.newInode(), null, null, dirStat); // found by gfid only
        Inode f = table.link(table.newInode(), dir, "f", stat(IaType.REGULAR));
        assertThat(dir.isLinked()).isTrue();
        table.unlink(f, dir, "f");
        assertThat(dir.isLinked()).isFalse();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        List<Inode> seen = new ArrayList<>();
        table.addListener(new InodeTable.Listener() {
            @Override
            public void forgotten(Inode inode) {
                throw new IllegalStateException("broken listener");
            }
        });
        table.addListener(new InodeTable.Listener() {
            @Override
            public void forgotten(Inode inode) {
                seen.add(inode);
            }
        });
        Inode f = table.link(table.newInode(), table.root(), "f", stat(IaType.REGULAR));
        table.unlink(f, table.root(), "f");
        assertThat(seen).containsExactly(f);
    }

    @Test
    void inodesOfAnotherTableAreRefused() {
        InodeTable other = new InodeTable();
        Inode foreign = other.link(other.newInode(), other.root(), "x", stat(IaType.DIRECTORY));
        assertThatThrownBy(() -> table.link(table.newInode(), foreign, "y", stat(IaType.REGULAR)))
                .hasMessageContaining("another inode table");
        assertThatThrownBy(() -> table.unlink(foreign, table.root(), "x")).hasMessageContaining("another inode table");
        assertThatThrownBy(() -> table.forget(foreign, 1)).hasMessageContaining("another inode table");
    }

    @Test
    void slotNumbersAreReusedAndOldValuesStayInvisible() {
        Inode f = table.link(table.newInode(), table.root(), "f", stat(IaType.REGULAR));
        Fd fd = table.newFd(f, 0, 1);
        ContextKey<String> old = table.newContextKey("old-graph", String.class);
        f.put(old, "inode value");
        fd.put(old, "fd value");
        table.clearContext(List.of(old));
        ContextKey<Integer> reused = table.newContextKey("new-graph", Integer.class);
        assertThat(reused.toString()).endsWith("#" + old.toString().substring(old.toString().indexOf('#') + 1));
        assertThat(f.get(reused)).isNull();
        assertThat(fd.get(reused)).as("the old graph's fd value is not seen through the new key").isNull();
        fd.put(reused, 7);
        assertThat(fd.get(reused)).isEqualTo(7);
        assertThat(fd.get(old)).isNull();
    }
}
