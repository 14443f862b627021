package dev.switchboard.rooms.support;

import java.util.HexFormat;

/** Hex test vectors written as in the spec: bytes separated by spaces, line breaks and {@code //} comments. */
public final class Hex {

    private Hex() {
    }

    /** Parses {@code "45 6a 38 40 // frame"}-style text; everything after {@code //} on a line is a comment. */
    public static byte[] bytes(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf("//");
            digits.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    public static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
