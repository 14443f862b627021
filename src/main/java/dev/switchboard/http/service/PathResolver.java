package dev.switchboard.http.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an HTTP request-target into a list of safe path segments below the served root.
 *
 * <p>The target is percent-decoded exactly once, segment by segment, so a double-encoded dot
 * ({@code %252e}) stays the literal text {@code %2e} and can never become a dot segment. Anything
 * that could climb out of the root or name a hidden file (a segment starting with {@code .}) is
 * refused as not found, the way the original server answered {@code ../} (http-server spec §2.1);
 * malformed encodings, control characters, NUL and backslashes are refused as a bad request.
 */
public final class PathResolver {

    private PathResolver() {
    }

    /** What {@link #resolve(String)} made of a request-target. */
    public sealed interface Result permits Resolved, Rejected {
    }

    /**
     * A safe target: the decoded segments (no empty, dot or hidden ones), whether it ended in a
     * slash, and the raw query (without {@code ?}, null if absent) for redirects.
     */
    public record Resolved(List<String> segments, boolean trailingSlash, String rawPath, String rawQuery)
            implements Result {
        public Resolved {
            segments = List.copyOf(segments);
        }
    }

    /** A refused target and why. */
    public record Rejected(Reason reason, String detail) implements Result {
    }

    /** Why a target was refused; each maps to one status code. */
    public enum Reason {
        /** Not a valid origin-form or absolute-form path (answered 400). */
        MALFORMED,
        /** A dot segment or hidden name; answered 404 so the tree layout is not revealed. */
        FORBIDDEN_SEGMENT
    }

    /** Resolves a request-target (origin-form {@code /a/b?q} or absolute-form {@code http://h/a/b}). */
    public static Result resolve(String target) {
        if (target == null || target.isEmpty()) {
            return new Rejected(Reason.MALFORMED, "empty request-target");
        }
        String path = stripAuthority(target);
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return new Rejected(Reason.MALFORMED, "request-target is not an absolute path");
        }
        String rawQuery = null;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            if (path.charAt(cut) == '?') {
                int hash = path.indexOf('#', cut);
                rawQuery = hash < 0 ? path.substring(cut + 1) : path.substring(cut + 1, hash);
            }
            path = path.substring(0, cut);
        }
        // Only visible US-ASCII may appear raw in a request-target (RFC 3986 §2); a raw
        // backslash is refused because some file systems and proxies treat it as a separator.
        int bad = firstInvalid(path, true);
        if (bad < 0 && rawQuery != null) {
            bad = firstInvalid(rawQuery, false);
        }
        if (bad >= 0) {
            return new Rejected(Reason.MALFORMED, String.format("raw byte 0x%02x in request-target", bad));
        }
        List<String> segments = new ArrayList<>();
        Reason refusal = null;
        String refusalDetail = null;
        for (String raw : path.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment;
            try {
                segment = percentDecode(raw);
            } catch (IllegalArgumentException e) {
                return new Rejected(Reason.MALFORMED, e.getMessage());
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x20 || c == 0x7F || c == '\\' || c == '/') {
                    return new Rejected(Reason.MALFORMED,
                            String.format("encoded byte 0x%02x in path segment", (int) c));
                }
            }
            // Keep scanning after a dot segment: a later malformed segment still makes it a 400.
            if (segment.charAt(0) == '.' && refusal == null) {
                refusal = Reason.FORBIDDEN_SEGMENT;
                refusalDetail = "dot or hidden segment '" + segment + "'";
            }
            segments.add(segment);
        }
        if (refusal != null) {
            return new Rejected(refusal, refusalDetail);
        }
        boolean trailingSlash = path.endsWith("/");
        return new Resolved(segments, trailingSlash, path, rawQuery);
    }

    private static String stripAuthority(String target) {
        String lower = target.length() > 8 ? target.substring(0, 8).toLowerCase(Locale.ROOT) : target.toLowerCase(Locale.ROOT);
        int schemeEnd;
        if (lower.startsWith("http://")) {
            schemeEnd = 7;
        } else if (lower.startsWith("https://")) {
            schemeEnd = 8;
        } else {
            return target;
        }
        int slash = indexOfAny(target.substring(schemeEnd), '/', '?');
        if (slash < 0) {
            return "/";
        }
        String rest = target.substring(schemeEnd + slash);
        return rest.charAt(0) == '?' ? "/" + rest : rest;
    }

    /** The first character not allowed raw in a request-target, or -1. */
    private static int firstInvalid(String text, boolean path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7F || (path && c == '\\')) {
                return c;
            }
        }
        return -1;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                throw new IllegalArgumentException("truncated percent-encoding");
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid percent-encoding '" + raw.substring(i, i + 3) + "'");
            }
            bytes.put((byte) ((hi << 4) | lo));
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoding is not valid UTF-8");
        }
    }
}
