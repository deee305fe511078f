package io.rxlator.runtime.inode;

/**
 * One name of an inode: {@code name} inside directory {@code parent}.
 */
public record Dentry(Inode parent, String name, Inode inode) {

    @Override
    public String toString() {
        return parent.gfid() + "/" + name + " -> " + inode.gfid();
    }
}
