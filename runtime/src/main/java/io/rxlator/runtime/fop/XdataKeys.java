package io.rxlator.runtime.fop;

/**
 * The xdata keys GlusterFS gives meaning across translators, with their GlusterFS names.
 * A translator's private keys belong in that translator's class.
 */
public final class XdataKeys {

    private XdataKeys() {
    }

    /**
     * The gfid the caller wants a new file to have (entry fops), or a missing gfid to heal
     * (lookup). The FUSE bridge sets a fresh random one on every entry creation.
     */
    public static final XdataKey<Gfid> GFID_REQ = XdataKey.of("gfid-req", XdataCodec.GFID);

    /** Asked for in a lookup: reply with the number of links to the file. */
    public static final XdataKey<Integer> GET_LINK_COUNT = XdataKey.of("get-link-count", XdataCodec.INT32);

    /** Asked for or answered: how many fds are open on the inode. */
    public static final XdataKey<Integer> OPEN_FD_COUNT = XdataKey.of("glusterfs.open-fd-count", XdataCodec.INT32);

    /** Answered by features/locks: inode locks held. */
    public static final XdataKey<Integer> INODELK_COUNT = XdataKey.of("glusterfs.inodelk-count", XdataCodec.INT32);

    /** Answered by features/locks: entry locks held. */
    public static final XdataKey<Integer> ENTRYLK_COUNT = XdataKey.of("glusterfs.entrylk-count", XdataCodec.INT32);

    /** Answered by features/locks: posix locks held. */
    public static final XdataKey<Integer> POSIXLK_COUNT = XdataKey.of("glusterfs.posixlk-count", XdataCodec.INT32);

    /**
     * Set on a call made only to learn whether the graph handles a fop (the FUSE bridge asks
     * with an {@code lk} whether locks should go to the graph). Storage answers it as any
     * other call but does not log about it.
     */
    public static final XdataKey<Integer> PROBE = XdataKey.of("rxlator.probe", XdataCodec.INT32);

    /**
     * Set on a readv or writev whose caller has no use for the attributes in the reply (the
     * FUSE bridge: the kernel's read and write replies carry none). storage/posix then skips
     * the fstat each of them costs, a system call per read and two per write, and answers
     * {@link Iatt#EMPTY}, with no field valid, in their place. A translator that uses those
     * attributes (a cache that checks mtime, say) takes the key out of the request it sends
     * down.
     */
    public static final XdataKey<Integer> NO_ATTRIBUTES = XdataKey.of("rxlator.no-iatt", XdataCodec.INT32);
}
