package dev.switchboard.bridge.service;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * How a browser member's nick becomes a SEA user name, and a SEA user name a room nick. A name maps as itself when
 * it can (SEA names sanitised as SEA sanitises a login, room nicks as the rooms service validates them); a name
 * that cannot be mapped exactly, or that collides with a name already present on the other side, gets a visible,
 * stable variant: the mapped name, {@code ~} and four hex digits derived from the original name (so the same nick
 * always gets the same variant), and only if that is taken too, {@code -} and the member's id.
 */
public final class BridgedNames {

    /** SEA names are at most 255 bytes (§5.2). */
    static final int SEA_NAME_MAX = 255;
    private static final HexFormat HEX = HexFormat.of();

    private final SeaCharsetText charset;

    public BridgedNames(SeaCharsetText charset) {
        this.charset = charset;
    }

    /**
     * The SEA user name of a browser member.
     *
     * @param takenOnSea whether a SEA user (or another bridged member) already has these name bytes
     */
    public SeaName seaName(String nick, int memberId, Predicate<byte[]> takenOnSea) {
        SeaCharsetText.Encoded encoded = charset.toSea(nick);
        byte[] name = truncate(sanitiseSea(encoded.bytes()), SEA_NAME_MAX);
        if (encoded.replaced() == 0 && !takenOnSea.test(name)) {
            return new SeaName(name, false);
        }
        byte[] tag = ("~" + tag(nick.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        byte[] variant = concat(truncate(name, SEA_NAME_MAX - tag.length), tag);
        if (takenOnSea.test(variant)) {
            byte[] id = ("-" + memberId).getBytes(StandardCharsets.US_ASCII);
            variant = concat(truncate(name, SEA_NAME_MAX - tag.length - id.length), tag, id);
        }
        return new SeaName(variant, true);
    }

    /**
     * The room nick of a SEA user.
     *
     * @param takenInRooms whether a member (or another bridged SEA user) already has this nick
     * @param maxBytes     the rooms' nick limit in UTF-8 bytes
     */
    public String roomNick(byte[] seaName, int seaId, Predicate<String> takenInRooms, int maxBytes) {
        SeaCharsetText.Decoded decoded = charset.toUnicode(seaName);
        StringBuilder visible = new StringBuilder(decoded.text().length());
        boolean altered = decoded.replaced() > 0;
        for (int i = 0; i < decoded.text().length(); ) {
            int codePoint = decoded.text().codePointAt(i);
            if (Character.isISOControl(codePoint) || isInvisibleOrSeparator(codePoint)) {
                visible.append('_');
                altered = true;
            } else {
                visible.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        String nick = visible.toString().strip();
        if (nick.isEmpty()) {
            nick = "_";
            altered = true;
        }
        String cut = truncateUtf8(nick, maxBytes);
        altered |= cut.length() != nick.length();
        if (!altered && !takenInRooms.test(cut)) {
            return cut;
        }
        String tag = "~" + tag(seaName);
        String variant = truncateUtf8(nick, maxBytes - tag.length()) + tag;
        if (takenInRooms.test(variant)) {
            String id = "-" + seaId;
            variant = truncateUtf8(nick, maxBytes - tag.length() - id.length()) + tag + id;
        }
        return variant;
    }

    /** The login rules of SEA §8.1: angle brackets to parentheses, control bytes to {@code _}, no leading space. */
    static byte[] sanitiseSea(byte[] name) {
        byte[] out = name.clone();
        for (int i = 0; i < out.length; i++) {
            int b = out[i] & 0xFF;
            if (b == '<') {
                out[i] = '(';
            } else if (b == '>') {
                out[i] = ')';
            } else if (b < 0x20) {
                out[i] = '_';
            }
        }
        if (out.length > 0 && out[0] == ' ') {
            out[0] = '_';
        }
        return out.length == 0 ? new byte[] {'_'} : out;
    }

    private static boolean isInvisibleOrSeparator(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Four hex digits that depend only on the original name. */
    static String tag(byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original);
        long value = crc.getValue();
        return HEX.toHexDigits((short) (value ^ (value >>> 16)));
    }

    private static byte[] truncate(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes;
        }
        byte[] cut = new byte[max];
        System.arraycopy(bytes, 0, cut, 0, max);
        return cut;
    }

    private static String truncateUtf8(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A bridged member's SEA name; {@code variant} when it is not the nick mapped as itself. */
    public record SeaName(byte[] bytes, boolean variant) {
    }
}
