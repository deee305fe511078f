package io.rxlator.runtime.fop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import org.junit.jupiter.api.Test;

class CallContextTest {

    @Test
    void identityIsImmutableAndComparedByValue() {
        int[] groups = {10, 20};
        CallContext c = CallContext.of(1000, 100, groups, 42, LkOwner.of(7), "client-a", 9);
        groups[0] = 99;
        assertThat(c.groups()).containsExactly(10, 20);
        c.groups()[1] = 77;
        assertThat(c.group(1)).isEqualTo(20);
        assertThat(c.groupCount()).isEqualTo(2);
        assertThat(c.inGroup(100)).isTrue();
        assertThat(c.inGroup(20)).isTrue();
        assertThat(c.inGroup(30)).isFalse();
        assertThat(c.isRoot()).isFalse();
        assertThat(c).isEqualTo(CallContext.of(1000, 100, new int[] {10, 20}, 42, LkOwner.of(7), "client-a", 9));
        assertThat(c.hashCode()).isEqualTo(CallContext.of(1000, 100, new int[] {10, 20}, 42, LkOwner.of(7), "client-a", 9).hashCode());
        assertThat(c.withUnique(10)).isNotEqualTo(c);
        assertThat(c.withPid(1).pid()).isEqualTo(1);
        assertThat(c.withLkOwner(LkOwner.NONE).lkOwner().isNone()).isTrue();
        assertThat(c.withClientId("b").clientId()).isEqualTo("b");
        assertThat(c.withIds(0, 0, new int[0]).isRoot()).isTrue();
        assertThat(c.toString()).contains("uid=1000").contains("groups=[10, 20]").contains("client=client-a");
        assertThat(CallContext.ROOT.isRoot()).isTrue();
        assertThat(LkOwner.of(1).bytes().length()).isEqualTo(8);
        assertThatThrownBy(() -> CallContext.of(0, 0, null, 0, LkOwner.NONE, "x", 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void locsNameWhatTheyActOn() {
        InodeTable t = new InodeTable();
        Loc root = Loc.root(t.root());
        assertThat(root.effectiveGfid()).isEqualTo(Gfid.ROOT);
        assertThat(root.isNameless()).isFalse();
        assertThat(root.toString()).isEqualTo("/");

        Inode fresh = t.newInode();
        Loc child = root.child("a", fresh);
        assertThat(child.path()).isEqualTo("/a");
        assertThat(child.name()).isEqualTo("a");
        assertThat(child.parent()).isSameAs(t.root());
        assertThat(child.gfid().isNull()).isTrue();
        assertThat(child.effectiveParentGfid()).isEqualTo(Gfid.ROOT);

        Inode linked = t.link(fresh, t.root(), "a", Iatt.builder().gfid(Gfid.random()).type(IaType.DIRECTORY).build());
        assertThat(child.effectiveGfid()).as("the inode got its gfid").isEqualTo(linked.gfid());
        assertThat(root.child("a", linked).child("b", null).path()).isEqualTo("/a/b");

        Loc nameless = Loc.nameless(linked);
        assertThat(nameless.isNameless()).isTrue();
        assertThat(nameless.toString()).isEqualTo("<gfid:" + linked.gfid() + ">");
        assertThat(new Loc(null, "x", null, null, null, linked.gfid()).toString()).isEqualTo("<gfid:" + linked.gfid() + ">/x");
        assertThat(Loc.nameless(Gfid.ROOT).isNameless()).isFalse();
        assertThat(child.withInode(null).inode()).isNull();
    }
}
