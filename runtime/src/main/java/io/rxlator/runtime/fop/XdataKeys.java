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
}
