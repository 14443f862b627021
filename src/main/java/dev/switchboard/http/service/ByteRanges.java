package dev.switchboard.http.service;

import java.util.Locale;

/**
 * Parses a {@code Range} header (RFC 9110 §14.2) against a representation's length.
 *
 * <p>Only one range is ever served as 206; a request for several ranges gets the whole
 * representation (allowed by §14.2) unless none of them is satisfiable.
 */
public final class ByteRanges {

    /** What a Range header asks for. */
    public sealed interface Decision permits Whole, Partial, Unsatisfiable {
    }

    /** Serve the whole representation with 200 (no, invalid, ignored or multiple ranges). */
    public record Whole() implements Decision {
    }

    /** Serve bytes {@code first..last} inclusive with 206. */
    public record Partial(long first, long last) implements Decision {
        /** Number of bytes in the range. */
        public long length() {
            return last - first + 1;
        }
    }

    /** No requested range overlaps the representation: 416. */
    public record Unsatisfiable() implements Decision {
    }

    private static final Whole WHOLE = new Whole();
    private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

    private ByteRanges() {
    }

    /** Decides how to answer this Range header value for a representation of {@code length} bytes. */
    public static Decision decide(String header, long length) {
        if (header == null) {
            return WHOLE;
        }
        String value = header.trim();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            // Unknown range unit: the field is ignored (§14.2).
            return WHOLE;
        }
        String[] specs = value.substring(eq + 1).split(",", -1);
        Partial single = null;
        int satisfiable = 0;
        int nonEmpty = 0;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                // The range-set grammar allows empty list elements.
                continue;
            }
            nonEmpty++;
            Decision one = decideOne(spec, length);
            if (one == null) {
                // A syntactically invalid range-spec makes the whole field invalid: ignore it.
                return WHOLE;
            }
            if (one instanceof Partial partial) {
                satisfiable++;
                single = partial;
            }
        }
        if (nonEmpty == 0) {
            return WHOLE;
        }
        if (satisfiable == 0) {
            return UNSATISFIABLE;
        }
        return nonEmpty == 1 ? single : WHOLE;
    }

    /** One range-spec: a Partial, Unsatisfiable, or null when the syntax is invalid. */
    private static Decision decideOne(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            long suffix = digits(lastText);
            if (suffix < 0) {
                return null;
            }
            if (suffix == 0 || length == 0) {
                return UNSATISFIABLE;
            }
            return new Partial(Math.max(0, length - suffix), length - 1);
        }
        long first = digits(firstText);
        if (first < 0) {
            return null;
        }
        long last;
        if (lastText.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = digits(lastText);
            if (last < 0 || last < first) {
                return null;
            }
        }
        if (first >= length) {
            return UNSATISFIABLE;
        }
        return new Partial(first, Math.min(last, length - 1));
    }

    /** A run of ASCII digits as a number (saturating at Long.MAX_VALUE), or -1 if not all digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                value = Long.MAX_VALUE;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return value;
    }
}
