package dev.switchboard.sea.archiver;

/**
 * One session as the archiver's administrative USERINFO record describes it (spec §13.6).
 *
 * <p>Text fields hold raw protocol bytes mapped 1:1 to chars (see {@link ArchiveText#latin1(byte[])}).
 *
 * @param id           the session's user ID
 * @param ip           dotted-quad IPv4 address
 * @param port         the peer's source port
 * @param cmdLen       declared length L of a frame being received, 0 when none (opaque to archivers)
 * @param readLen      progress counter of the current or last frame (opaque to archivers)
 * @param inbuf        opaque buffer token; "0x0" when no frame body is buffered
 * @param faculty      the faculty byte, unsigned
 * @param room         the 5 raw room bytes ("\0\0\0\0\0" before #4); printed up to the first NUL
 * @param version      the version byte, unsigned
 * @param printer      printers-group member
 * @param away         away flag
 * @param maxPenalty   the session's max penalty in seconds
 * @param penaltyTimer flood penalty timer in Unix seconds, 0 if never charged
 * @param lastActivity last activity in Unix seconds
 * @param username     sanitised user name
 * @param compname     sanitised computer name
 * @param info         the info text (0–255 bytes), written raw after the line
 */
public record UserInfoDump(int id, String ip, int port, long cmdLen, long readLen, String inbuf, int faculty,
        String room, int version, boolean printer, boolean away, int maxPenalty, long penaltyTimer,
        long lastActivity, String username, String compname, String info) {

    /** The token the reference prints when no frame body is buffered (§13.6). */
    public static final String IDLE_INBUF = "0x0";

    public UserInfoDump {
        Checks.u16(id, "id");
        Checks.u16(port, "port");
        Checks.nonNegative(cmdLen, "cmdLen");
        Checks.nonNegative(readLen, "readLen");
        Checks.u8(faculty, "faculty");
        Checks.u8(version, "version");
        Checks.nonNegative(maxPenalty, "maxPenalty");
        Checks.nonNegative(penaltyTimer, "penaltyTimer");
        Checks.nonNegative(lastActivity, "lastActivity");
        ArchiveText.requireLatin1(ip, "ip");
        ArchiveText.requireLatin1(inbuf, "inbuf");
        ArchiveText.requireLatin1(room, "room");
        ArchiveText.requireLatin1(username, "username");
        ArchiveText.requireLatin1(compname, "compname");
        ArchiveText.requireLatin1(info, "info");
        if (room.length() > 5) {
            throw new IllegalArgumentException("room must be at most 5 bytes, was " + room.length());
        }
        if (info.length() > 0xFF) {
            throw new IllegalArgumentException("info must be at most 255 bytes, was " + info.length());
        }
    }
}
