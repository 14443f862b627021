package dev.switchboard.sea.archiver;

/**
 * One ban-list entry as the archiver's BANENTRY record describes it (spec §13.7).
 *
 * @param txtaddr the ban's text as entered (e.g. "172.16.0.0/12")
 * @param expire  expiry in Unix seconds; permanent bans use {@link #PERMANENT_EXPIRE}
 */
public record BanDump(String txtaddr, long expire) {

    /**
     * Expiry printed for permanent bans: the reference stores them with an expiry "in 2038" (§12.1),
     * i.e. the largest signed 32-bit Unix time, which archivers already see for startup bans.
     */
    public static final long PERMANENT_EXPIRE = Integer.MAX_VALUE;

    public BanDump {
        ArchiveText.requireLatin1(txtaddr, "txtaddr");
        Checks.nonNegative(expire, "expire");
    }

    /** A ban without expiry. */
    public static BanDump permanent(String txtaddr) {
        return new BanDump(txtaddr, PERMANENT_EXPIRE);
    }
}
