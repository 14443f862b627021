package dev.switchboard.sea.service;

/**
 * The name rewriting rules of spec §8.1 for user and computer names, which are opaque byte strings
 * (legacy clients send Windows-1251; nothing is transcoded).
 *
 * <p>Order at login (§5.2) and rename (§5.11): {@link #sanitise(byte[])} each name, check the sanitised
 * names against the {@link NameBlacklist}, then apply {@link #fixLeadingSpace(byte[])} to the user name
 * only. Escaping for archiver lines (§16 F31) belongs to the archiver writer, not here: sanitised names
 * contain no control bytes, though they may contain spaces, {@code [} and {@code ]}.
 *
 * <p>Stateless; all methods return new arrays and never modify their argument, so they are thread-safe.
 */
public final class SeaNames {

    /** A name is a str8: at most 255 bytes (§5.2). */
    public static final int MAX_NAME_LENGTH = 255;

    private SeaNames() {
    }

    /**
     * Rewrites a name byte by byte (§8.1): {@code <} → {@code (}, {@code >} → {@code )}, 0x00–0x1f →
     * {@code _}; every other byte (0x7f and 0x80–0xff included) is kept.
     *
     * @param name the name as received, 1 to 255 bytes
     * @return a new, sanitised array of the same length
     * @throws IllegalArgumentException if the name is null, empty or longer than 255 bytes
     */
    public static byte[] sanitise(byte[] name) {
        checkName(name);
        byte[] out = new byte[name.length];
        for (int i = 0; i < name.length; i++) {
            out[i] = sanitise(name[i]);
        }
        return out;
    }

    /**
     * Replaces a leading space (0x20) of a <em>user</em> name with {@code _} (§8.1 step after the blacklist
     * check), so the name cannot sort among the clients' space-prefixed group entries. Only the first byte
     * is looked at; computer names are never passed here.
     *
     * @param userName the sanitised user name, 1 to 255 bytes
     * @return a new array, changed only in its first byte if that was a space
     * @throws IllegalArgumentException if the name is null, empty or longer than 255 bytes
     */
    public static byte[] fixLeadingSpace(byte[] userName) {
        checkName(userName);
        byte[] out = userName.clone();
        if (out[0] == ' ') {
            out[0] = '_';
        }
        return out;
    }

    private static byte sanitise(byte b) {
        if (b == '<') {
            return '(';
        }
        if (b == '>') {
            return ')';
        }
        // bytes are signed in Java: 0x80–0xff are negative and must stay untouched
        if (b >= 0 && b < 0x20) {
            return '_';
        }
        return b;
    }

    private static void checkName(byte[] name) {
        if (name == null || name.length == 0 || name.length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a SEA name must be 1-" + MAX_NAME_LENGTH + " bytes, got "
                    + (name == null ? "null" : name.length + " bytes"));
        }
    }
}
