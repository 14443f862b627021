package dev.switchboard.sea.archiver;

/**
 * Formats the archiver's line-protocol records (spec §13.3–§13.7) byte-exactly.
 *
 * <p>Each method returns one complete record — the header line ending in LF plus the raw bytes it
 * announces — as an ISO-8859-1 string (one char per byte); {@link ArchiveText#bytes(String)} turns it into
 * the bytes on the wire. Keywords are upper-case, numbers decimal ASCII, names and texts verbatim.
 *
 * <p>Header-line text fields (addresses, names, room, ban text, archiver path) have control bytes
 * 0x00–0x1F replaced by {@code _} (spec §16 F31): the reference writes them raw, so a LF in a room would
 * break the line protocol. Sanitised names (§8.1) never contain control bytes, so MSG lines of valid
 * sessions are unchanged by this. The raw parts after the line (message text, info) are never altered.
 */
public final class ArchiveRecords {

    private ArchiveRecords() {
    }

    /** {@code MSG <msglen> <srcID> <srcIP> <dstID> <unixtime> <username>[<compname>]\n<text>} (§13.4). */
    public static String msg(ArchivedMessage m) {
        StringBuilder sb = new StringBuilder(64 + m.text().length());
        sb.append("MSG ").append(m.text().length())
                .append(' ').append(m.srcId())
                .append(' ').append(headerSafe(m.srcIp()))
                .append(' ').append(m.dstId())
                .append(' ').append(m.unixTime())
                .append(' ');
        appendUserComp(sb, m.username(), m.compname());
        return sb.append('\n').append(m.text()).toString();
    }

    /** {@code TIME 0 <unixtime>\n} — the keep-alive (§13.5). */
    public static String time(long unixTime) {
        Checks.nonNegative(unixTime, "unixTime");
        return "TIME 0 " + unixTime + "\n";
    }

    /** The USERINFO dump of one session followed by its raw info bytes (§13.6). */
    public static String userInfo(UserInfoDump d) {
        StringBuilder sb = new StringBuilder(256 + d.info().length());
        sb.append("USERINFO ").append(d.info().length())
                .append(' ').append(d.id())
                .append(" ip=").append(headerSafe(d.ip()))
                .append(" port=").append(d.port())
                .append(" cmdlen=").append(d.cmdLen())
                .append(" readlen=").append(d.readLen())
                .append(" inbuf=").append(headerSafe(d.inbuf()))
                .append(" faculty=").append(d.faculty())
                .append(" room=").append(headerSafe(upToFirstNul(d.room())))
                .append(" version=").append(d.version())
                .append(" printer=").append(flag(d.printer()))
                .append(" away=").append(flag(d.away()))
                .append(" max_penalty=").append(d.maxPenalty())
                .append(" penalty_timer=").append(d.penaltyTimer())
                .append(" last_activity=").append(d.lastActivity())
                .append(" usercomp=");
        appendUserComp(sb, d.username(), d.compname());
        return sb.append('\n').append(d.info()).toString();
    }

    /** {@code BANENTRY 0 txtaddr=<text> expire=<unixtime>\n} (§13.7). */
    public static String banEntry(BanDump b) {
        return "BANENTRY 0 txtaddr=" + headerSafe(b.txtaddr()) + " expire=" + b.expire() + "\n";
    }

    /** {@code GLOBALVARS 0 debug=… strict=… flood_threshold=… ban_timeout=… usercount=… archsock=… archpath=…\n} (§13.7). */
    public static String globalVars(GlobalVars g) {
        return "GLOBALVARS 0 debug=" + g.debug()
                + " strict=" + flag(g.strict())
                + " flood_threshold=" + g.floodThreshold()
                + " ban_timeout=" + g.banTimeout()
                + " usercount=" + g.userCount()
                + " archsock=" + g.archSock()
                + " archpath=" + headerSafe(g.archPath())
                + "\n";
    }

    private static void appendUserComp(StringBuilder sb, String username, String compname) {
        // No space between the name and '[': the field runs to the end of the line (§13.4, §18.17).
        sb.append(headerSafe(username)).append('[').append(headerSafe(compname)).append(']');
    }

    private static char flag(boolean value) {
        return value ? '1' : '0';
    }

    /** The reference prints the 5 room bytes as a C string, so it stops at the first NUL (§13.6). */
    private static String upToFirstNul(String room) {
        int nul = room.indexOf('\0');
        return nul < 0 ? room : room.substring(0, nul);
    }

    /** Replaces control bytes 0x00–0x1F (the set §8.1 also treats as control) with '_' (§16 F31). */
    static String headerSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20) {
                char[] chars = value.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] < 0x20) {
                        chars[j] = '_';
                    }
                }
                return new String(chars);
            }
        }
        return value;
    }
}
