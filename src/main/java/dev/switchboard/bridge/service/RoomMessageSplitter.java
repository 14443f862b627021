package dev.switchboard.bridge.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a SEA message, which may be far longer than a room allows, into room messages of at most {@code maxBytes}
 * UTF-8 bytes each, never inside a character (nor between a surrogate pair), preferring to cut after a space or
 * newline in the last quarter of a piece. At most {@code maxParts} pieces are sent; when the text needs more, the
 * last piece ends with {@link #TRUNCATED} so readers see that something is missing. Blank pieces are dropped.
 */
public final class RoomMessageSplitter {

    /** Ends the last piece of a text that did not fit. */
    public static final String TRUNCATED = " [\u2026]";

    private RoomMessageSplitter() {
    }

    /** The pieces of {@code text}; empty when the text is blank. */
    public static List<String> split(String text, int maxBytes, int maxParts) {
        if (maxBytes < 8 || maxParts < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 8 and maxParts >= 1");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length() && parts.size() < maxParts) {
            boolean last = parts.size() == maxParts - 1;
            int end = fit(text, start, maxBytes);
            if (end < text.length() && last) {
                int budget = maxBytes - utf8Length(TRUNCATED);
                int cut = fit(text, start, budget);
                addIfNotBlank(parts, text.substring(start, cut).stripTrailing() + TRUNCATED);
                return parts;
            }
            if (end < text.length()) {
                end = preferBreak(text, start, end);
            }
            addIfNotBlank(parts, text.substring(start, end));
            start = end;
        }
        return parts;
    }

    private static void addIfNotBlank(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part);
        }
    }

    /** The furthest end (exclusive char index) such that text[start, end) is at most {@code maxBytes} in UTF-8. */
    private static int fit(String text, int start, int maxBytes) {
        int bytes = 0;
        int i = start;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = utf8Length(codePoint);
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += Character.charCount(codePoint);
        }
        return i;
    }

    /** Moves a cut back to just after a space or newline when one lies in the piece's last quarter. */
    private static int preferBreak(String text, int start, int end) {
        int floor = start + (end - start) * 3 / 4;
        for (int i = end; i > floor; i--) {
            char c = text.charAt(i - 1);
            if (c == ' ' || c == '\n') {
                return i;
            }
        }
        return end;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
