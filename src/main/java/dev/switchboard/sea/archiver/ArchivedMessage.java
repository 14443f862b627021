package dev.switchboard.sea.archiver;

/**
 * One delivered #2 message as the archiver's MSG record describes it (spec §13.4).
 *
 * <p>Text fields hold raw protocol bytes mapped 1:1 to chars (see {@link ArchiveText#latin1(byte[])}).
 *
 * @param srcId    sender's user ID (1–65534)
 * @param srcIp    sender's dotted-quad IPv4 address
 * @param dstId    destination exactly as requested: 0 group, 65535 printers, else a user ID (even unknown)
 * @param unixTime server time in Unix seconds when the message was processed
 * @param username sender's sanitised user name
 * @param compname sender's sanitised computer name
 * @param text     the first {@code msglen} bytes of the message; never empty (empty messages are not archived)
 */
public record ArchivedMessage(int srcId, String srcIp, int dstId, long unixTime, String username, String compname,
        String text) {

    public ArchivedMessage {
        Checks.u16(srcId, "srcId");
        Checks.u16(dstId, "dstId");
        Checks.nonNegative(unixTime, "unixTime");
        ArchiveText.requireLatin1(srcIp, "srcIp");
        ArchiveText.requireLatin1(username, "username");
        ArchiveText.requireLatin1(compname, "compname");
        ArchiveText.requireLatin1(text, "text");
        if (text.isEmpty() || text.length() > 0xFFFF) {
            // §5.3 step 5: zero-length messages produce no record; msglen is a BE16.
            throw new IllegalArgumentException("text must be 1..65535 bytes, was " + text.length());
        }
    }
}
