package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * A lease request or reply (the lease fop's argument and answer) ({@code struct gf_lease}).
 *
 * @param cmd {@link #GET_LEASE}, {@link #SET_LEASE} or {@link #UNLK_LEASE}
 * @param type {@link #NONE}, {@link #RD_LEASE} or {@link #RW_LEASE}
 * @param id the 16-byte lease id
 */
public record LeaseInfo(int cmd, int type, Bytes id, int flags) {

    public static final int GET_LEASE = 1;
    public static final int SET_LEASE = 2;
    public static final int UNLK_LEASE = 3;

    public static final int NONE = 0;
    public static final int RD_LEASE = 1;
    public static final int RW_LEASE = 2;

    /** The length of a lease id. */
    public static final int ID_LENGTH = 16;

    public LeaseInfo {
        Objects.requireNonNull(id, "id");
        if (id.length() != ID_LENGTH) {
            throw new IllegalArgumentException("a lease id is " + ID_LENGTH + " bytes, got " + id.length());
        }
        if (cmd < GET_LEASE || cmd > UNLK_LEASE) {
            throw new IllegalArgumentException("lease cmd " + cmd + " is not 1 GET, 2 SET or 3 UNLK");
        }
        if (type < NONE || type > RW_LEASE) {
            throw new IllegalArgumentException("lease type " + type + " is not 0 NONE, 1 RD or 2 RW");
        }
    }
}
