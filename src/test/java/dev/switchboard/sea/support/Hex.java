package dev.switchboard.sea.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds byte arrays from the spec's hex dumps; everything after {@code |} on a line is a comment. */
public final class Hex {

    private Hex() {
    }

    /** Parses whitespace-separated hex bytes, e.g. {@code "00 00 01 03"}. */
    public static byte[] bytes(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            int bar = line.indexOf('|');
            String data = bar >= 0 ? line.substring(0, bar) : line;
            for (String token : data.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    out.write(Integer.parseInt(token, 16));
                }
            }
        }
        return out.toByteArray();
    }

    /** Concatenates parts. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code count} copies of {@code value}. */
    public static byte[] repeat(int value, int count) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** ISO-8859-1 bytes of {@code s}, the 1:1 byte mapping of §0. */
    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Space-separated lower-case hex, for readable assertion failures. */
    public static String format(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
