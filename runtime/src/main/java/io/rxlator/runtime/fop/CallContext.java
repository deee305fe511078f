package io.rxlator.runtime.fop;

import java.util.Arrays;
import java.util.Objects;

/**
 * Who is calling: the identity GlusterFS keeps in {@code frame->root} (uid, gid,
 * supplementary groups, pid, lk-owner, client) plus the request's unique number.
 *
 * <p>It travels inside every request record, never in a thread-local, so a translator that
 * hops threads or fans out keeps it without doing anything. Instances are immutable.
 */
public final class CallContext {

    /** root, pid 0, no groups, no lk-owner, the local client: what the runtime itself uses. */
    public static final CallContext ROOT = new CallContext(0, 0, new int[0], 0, LkOwner.NONE, "local", 0L);

    private final int uid;
    private final int gid;
    private final int[] groups;
    private final int pid;
    private final LkOwner lkOwner;
    private final String clientId;
    private final long unique;

    private CallContext(int uid, int gid, int[] groups, int pid, LkOwner lkOwner, String clientId, long unique) {
        this.uid = uid;
        this.gid = gid;
        this.groups = groups;
        this.pid = pid;
        this.lkOwner = lkOwner;
        this.clientId = clientId;
        this.unique = unique;
    }

    /**
     * A caller with this identity.
     *
     * @param groups supplementary group ids (copied)
     * @param clientId the client the call came from ({@code client_t->client_uid}), "local" in-process
     * @param unique the request's number (the FUSE unique, or a protocol call id), for tracing
     */
    public static CallContext of(int uid, int gid, int[] groups, int pid, LkOwner lkOwner, String clientId, long unique) {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(lkOwner, "lkOwner");
        Objects.requireNonNull(clientId, "clientId");
        return new CallContext(uid, gid, groups.clone(), pid, lkOwner, clientId, unique);
    }

    /** A local caller with a user and group id and nothing else. */
    public static CallContext of(int uid, int gid) {
        return new CallContext(uid, gid, ROOT.groups, 0, LkOwner.NONE, ROOT.clientId, 0L);
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    public int pid() {
        return pid;
    }

    public LkOwner lkOwner() {
        return lkOwner;
    }

    public String clientId() {
        return clientId;
    }

    public long unique() {
        return unique;
    }

    /** How many supplementary groups the caller has. */
    public int groupCount() {
        return groups.length;
    }

    /** Supplementary group {@code i}. */
    public int group(int i) {
        return groups[i];
    }

    /** A copy of the supplementary groups. */
    public int[] groups() {
        return groups.clone();
    }

    /** True if {@code gid} is the caller's group or one of its supplementary groups. */
    public boolean inGroup(int gid) {
        if (this.gid == gid) {
            return true;
        }
        for (int g : groups) {
            if (g == gid) {
                return true;
            }
        }
        return false;
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public CallContext withLkOwner(LkOwner owner) {
        return new CallContext(uid, gid, groups, pid, Objects.requireNonNull(owner, "owner"), clientId, unique);
    }

    public CallContext withPid(int pid) {
        return new CallContext(uid, gid, groups, pid, lkOwner, clientId, unique);
    }

    public CallContext withUnique(long unique) {
        return new CallContext(uid, gid, groups, pid, lkOwner, clientId, unique);
    }

    public CallContext withClientId(String clientId) {
        return new CallContext(uid, gid, groups, pid, lkOwner, Objects.requireNonNull(clientId, "clientId"), unique);
    }

    public CallContext withIds(int uid, int gid, int[] groups) {
        return new CallContext(uid, gid, groups.clone(), pid, lkOwner, clientId, unique);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallContext c
                && c.uid == uid && c.gid == gid && c.pid == pid && c.unique == unique
                && Arrays.equals(c.groups, groups) && c.lkOwner.equals(lkOwner) && c.clientId.equals(clientId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, gid, pid, unique, Arrays.hashCode(groups), lkOwner, clientId);
    }

    @Override
    public String toString() {
        return "uid=" + uid + " gid=" + gid + (groups.length > 0 ? " groups=" + Arrays.toString(groups) : "")
                + " pid=" + pid + " lk-owner=" + lkOwner + " client=" + clientId + " unique=" + unique;
    }
}
