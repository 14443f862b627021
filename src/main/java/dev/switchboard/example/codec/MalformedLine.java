package dev.switchboard.example.codec;

/**
 * A line (or datagram) the decoder could not turn into a message, with the reason and a short
 * printable preview for the log: the decoder only reports it, the handler decides the outcome.
 *
 * @param reason  what was wrong
 * @param detail  the parser's reason or a byte count
 * @param preview the first bytes, non-printables escaped as {@code \xNN}; empty when not useful
 */
public record MalformedLine(Reason reason, String detail, String preview) {

    /** Why a line was refused; {@link #fatal()} reasons close the connection. */
    public enum Reason {
        /** The line passed the configured maximum (spec §2.1 [DESIGN], D9): the connection is closed. */
        TOO_LONG(true),
        /**
         * Holding this partial line would pass the memory budget all example connections share for
         * unfinished lines: the connection is closed, like an over-long line.
         */
        OVER_BUDGET(true),
        /** The line is not valid UTF-8 (our §2.1 decision): dropped like any unparsable line. */
        INVALID_UTF8(false),
        /** The line holds a NUL byte (§2.1 "Java SHOULD reject"): dropped like any unparsable line. */
        NUL_BYTE(false),
        /** The line breaks the §3.3 grammar: logged and dropped, no reply (§2.1). */
        SYNTAX(false),
        /** Bytes without a final LF when the peer closed: not a message, dropped. */
        TRUNCATED(false),
        /** A datagram larger than the 1024-byte UDP limit (§2.2). */
        DATAGRAM_TOO_LARGE(false);

        private final boolean fatal;

        Reason(boolean fatal) {
            this.fatal = fatal;
        }

        /** Whether the connection must be closed. */
        public boolean fatal() {
            return fatal;
        }
    }
}
