package dev.switchboard.example.message;

import dev.switchboard.core.connection.CloseReason;

import java.util.EnumSet;

/**
 * Why the gateway ends an example connection, and the kinds of malformed input with the outcome the protocol
 * declares for each: {@linkplain #closes() close} the connection, or drop the line and keep serving (spec §2.1,
 * §6.2). The protocol has no goodbye message (the peer just sees EOF, and the permanent client reconnects on its
 * schedule, §7). The tag is the {@code reason} of both {@code switchboard_connections_closed_total} and
 * {@code switchboard_example_malformed_total}.
 */
public enum ExampleCloseReason implements CloseReason {
    /** Nothing received for the idle timeout. */
    IDLE_TIMEOUT("idle_timeout", Severity.NOTICE, true, false),
    /** A line was started and its LF did not arrive within the partial-line timeout. */
    PARTIAL_LINE_TIMEOUT("partial_line_timeout", Severity.VIOLATION, true, true),
    /** The line passed the configured maximum (spec §2.1 [DESIGN], D9). */
    TOO_LONG("too_long", Severity.VIOLATION, true, true),
    /** Holding this partial line would pass the memory budget all example connections share for unfinished lines. */
    OVER_BUDGET("over_budget", Severity.VIOLATION, true, true),
    /** An accepted {@code QUIT} (spec §6.4): no reply, this connection closes, the example listeners stop. */
    QUIT("quit", Severity.NOTICE, true, false),
    /** The line is not valid UTF-8 (our §2.1 decision): dropped like any unparsable line. */
    INVALID_UTF8("invalid_utf8", Severity.VIOLATION, false, true),
    /** The line holds a NUL byte (§2.1 "Java SHOULD reject"): dropped like any unparsable line. */
    NUL_BYTE("nul_byte", Severity.VIOLATION, false, true),
    /** The line breaks the §3.3 grammar: logged and dropped, no reply (§2.1). */
    SYNTAX("syntax", Severity.VIOLATION, false, true),
    /** Bytes without a final LF when the peer closed: not a message, dropped. */
    TRUNCATED("truncated", Severity.NOTICE, false, true),
    /** A datagram larger than the 1024-byte UDP limit (§2.2): dropped. */
    DATAGRAM_TOO_LARGE("datagram_too_large", Severity.VIOLATION, false, true);

    private final String tag;
    private final Severity severity;
    private final boolean closes;
    private final boolean malformed;

    ExampleCloseReason(String tag, Severity severity, boolean closes, boolean malformed) {
        this.tag = tag;
        this.severity = severity;
        this.closes = closes;
        this.malformed = malformed;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    /** The declared outcome: true closes the connection, false drops the input and keeps the connection. */
    public boolean closes() {
        return closes;
    }

    /** The reasons that are malformed input (counted in {@code switchboard_example_malformed_total}). */
    public static EnumSet<ExampleCloseReason> malformedInput() {
        EnumSet<ExampleCloseReason> set = EnumSet.noneOf(ExampleCloseReason.class);
        for (ExampleCloseReason reason : values()) {
            if (reason.malformed) {
                set.add(reason);
            }
        }
        return set;
    }
}
