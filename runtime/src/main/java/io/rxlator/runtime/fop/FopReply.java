package io.rxlator.runtime.fop;

/**
 * The successful answer to a {@link FopRequest}. A failure is not a reply but a
 * {@link FopException} in the {@code Mono}'s error channel.
 */
public sealed interface FopReply permits
        StatReply,
        ReadlinkReply,
        MknodReply,
        MkdirReply,
        UnlinkReply,
        RmdirReply,
        SymlinkReply,
        RenameReply,
        LinkReply,
        TruncateReply,
        OpenReply,
        ReadvReply,
        WritevReply,
        StatfsReply,
        FlushReply,
        FsyncReply,
        SetxattrReply,
        GetxattrReply,
        RemovexattrReply,
        OpendirReply,
        FsyncdirReply,
        AccessReply,
        CreateReply,
        FtruncateReply,
        FstatReply,
        LkReply,
        LookupReply,
        ReaddirReply,
        InodelkReply,
        FinodelkReply,
        EntrylkReply,
        FentrylkReply,
        XattropReply,
        FxattropReply,
        FgetxattrReply,
        FsetxattrReply,
        RchecksumReply,
        SetattrReply,
        FsetattrReply,
        ReaddirpReply,
        FremovexattrReply,
        FallocateReply,
        DiscardReply,
        ZerofillReply,
        IpcReply,
        SeekReply,
        LeaseReply,
        GetactivelkReply,
        SetactivelkReply,
        PutReply,
        IcreateReply,
        NamelinkReply,
        CopyFileRangeReply {

    /** Which fop this answers. */
    FopType type();

    /** The reply's xdata. */
    Xdata xdata();

    /** The same reply with other xdata. */
    FopReply withXdata(Xdata xdata);
}
