package dev.switchboard.http.service;

import java.time.Instant;

/**
 * Makes and compares entity tags (RFC 9110 §8.8.3).
 *
 * <p>A tag is derived from the modification time and the length, as nginx does, so it changes
 * whenever the file does and costs no read of the content.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The strong tag, quotes included, for a representation of this length and modification time. */
    public static String of(long length, Instant lastModified) {
        return "\"" + Long.toHexString(lastModified.toEpochMilli()) + "-" + Long.toHexString(length) + "\"";
    }

    /**
     * Whether a list header ({@code If-Match}/{@code If-None-Match}) names the current tag.
     * {@code *} matches any current representation. Weak comparison ignores a {@code W/} prefix on
     * either side; strong comparison never matches a weak tag.
     */
    public static boolean listMatches(String header, String currentTag, boolean weakComparison) {
        String trimmed = header.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        int i = 0;
        int n = trimmed.length();
        while (i < n) {
            char c = trimmed.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = false;
            if (trimmed.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= n || trimmed.charAt(i) != '"') {
                // Not an entity-tag list: RFC 9110 says to treat a malformed field as if absent,
                // which the caller cannot tell from "no match"; no match is the safe reading.
                return false;
            }
            int end = trimmed.indexOf('"', i + 1);
            if (end < 0) {
                return false;
            }
            String tag = trimmed.substring(i, end + 1);
            if (tag.equals(currentTag) && (weakComparison || !weak)) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    /** Whether a single tag matches the current strong tag by strong comparison (as If-Range needs). */
    public static boolean strongMatch(String tag, String currentTag) {
        String trimmed = tag.trim();
        return !trimmed.startsWith("W/") && trimmed.equals(currentTag);
    }
}
