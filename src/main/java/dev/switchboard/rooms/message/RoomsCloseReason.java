package dev.switchboard.rooms.message;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.CoreCloseReason;

/**
 * Why the gateway ends a rooms connection, with the WebSocket close status the spec gives each cause (§3, §9)
 * and whether the connection is failed (RFC 6455 §7.1.7: TCP closes right after the close frame) instead of
 * closed cleanly (the closing handshake waits for the peer's close). The tag is both the metric's {@code reason}
 * and the close frame's reason text, so it stays short printable ASCII.
 */
public enum RoomsCloseReason implements CloseReason {
    /** An operator removed the member. */
    KICKED("kicked", Severity.NOTICE, 1008, false),
    /** The cluster no longer holds the member (its node was cut off from the others too long): 1012, reconnect. */
    CLUSTER_RESTART("cluster-restart", Severity.NOTICE, 1012, false),
    /** The cluster could not take the member's request (this node is not in sync with it): 1013, try later. */
    CLUSTER_UNAVAILABLE("cluster-unavailable", Severity.NOTICE, 1013, false),
    /** A server ping went unanswered for the heartbeat timeout. */
    HEARTBEAT_TIMEOUT("heartbeat-timeout", Severity.NOTICE, 1001, false),
    /** No nick was accepted within the login timeout. */
    LOGIN_TIMEOUT("login-timeout", Severity.NOTICE, 1008, false),
    /** The first message was not the magic string (§4). */
    BAD_MAGIC("bad-magic", Severity.VIOLATION, 1008, false),
    /** Too many refused nick requests at level 2 (§4). */
    NICK_FLOOD("nick-flood", Severity.VIOLATION, 1008, false),
    /** Fewer than the 24 header bytes (§5). */
    TOO_SHORT("too-short", Severity.VIOLATION, 1002, false),
    /** The first four bytes are not {@code Ej8@} (§5). */
    BAD_SIGNATURE("bad-signature", Severity.VIOLATION, 1002, false),
    /** The {@code size} field differs from the WebSocket message length (§5). */
    SIZE_MISMATCH("size-mismatch", Severity.VIOLATION, 1002, false),
    /** A message larger than the configured maximum message size (§8). */
    TOO_LARGE("too-large", Severity.VIOLATION, 1009, false),
    /** A text message; the protocol is binary only (§1), so 1003 "unsupported data". */
    TEXT_MESSAGE("text-message", Severity.VIOLATION, 1003, false),
    /** The peer's close frame carried a status no endpoint may send (RFC 6455 §7.4). */
    BAD_CLOSE_STATUS("bad-close-status", Severity.VIOLATION, 1002, false),
    /** The peer's close reason is not UTF-8. */
    BAD_CLOSE_REASON("bad-close-reason", Severity.VIOLATION, 1007, false),
    /** A frame broke RFC 6455 framing (masking, RSV bits, opcode, control-frame rules). */
    WEBSOCKET_PROTOCOL("websocket-protocol", Severity.VIOLATION, 1002, true),
    /** A text frame that is not UTF-8. */
    WEBSOCKET_INVALID_PAYLOAD("websocket-invalid-payload", Severity.VIOLATION, 1007, true),
    /** A single frame larger than the configured maximum frame size. */
    WEBSOCKET_FRAME_TOO_BIG("websocket-frame-too-big", Severity.VIOLATION, 1009, true);

    /** Status for {@link CoreCloseReason#SHUTDOWN}: "going away". */
    public static final int GOING_AWAY = 1001;
    /** Status for {@link CoreCloseReason#SLOW_CONSUMER}: a policy the member broke by not reading. */
    public static final int POLICY_VIOLATION = 1008;
    /** Status for {@link CoreCloseReason#INTERNAL_ERROR}. */
    public static final int INTERNAL_ERROR = 1011;
    /** Status for a close nobody gave a status for. */
    public static final int NORMAL_CLOSURE = 1000;

    private final String tag;
    private final Severity severity;
    private final int status;
    private final boolean failsConnection;

    RoomsCloseReason(String tag, Severity severity, int status, boolean failsConnection) {
        this.tag = tag;
        this.severity = severity;
        this.status = status;
        this.failsConnection = failsConnection;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    /** The WebSocket close status sent for this reason. */
    public int status() {
        return status;
    }

    /** The WebSocket close status for any reason a rooms connection can end with, core ones included. */
    public static int statusOf(CloseReason reason) {
        if (reason instanceof RoomsCloseReason rooms) {
            return rooms.status;
        }
        if (reason == CoreCloseReason.SHUTDOWN) {
            return GOING_AWAY;
        }
        if (reason == CoreCloseReason.SLOW_CONSUMER) {
            return POLICY_VIOLATION;
        }
        if (reason == CoreCloseReason.INTERNAL_ERROR) {
            return INTERNAL_ERROR;
        }
        return NORMAL_CLOSURE;
    }

    /** Whether {@code reason} fails the connection: TCP closes as soon as the close frame is written. */
    public static boolean failsConnection(CloseReason reason) {
        return reason instanceof RoomsCloseReason rooms && rooms.failsConnection;
    }

    /** The reason for a WebSocket framing error that Netty reported with {@code status}. */
    public static RoomsCloseReason ofFramingError(int status) {
        return switch (status) {
            case 1007 -> WEBSOCKET_INVALID_PAYLOAD;
            case 1009 -> WEBSOCKET_FRAME_TOO_BIG;
            default -> WEBSOCKET_PROTOCOL;
        };
    }
}
