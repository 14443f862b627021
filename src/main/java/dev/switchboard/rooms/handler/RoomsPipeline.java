package dev.switchboard.rooms.handler;

/**
 * Names of the stages the rooms protocol adds after the HTTP router that accepted the upgrade, in pipeline order
 * (flushes, including broadcasts written from other event loops, are merged once per event-loop turn by the
 * {@code FlushConsolidationHandler} the core puts at the head of every connection):
 * <ol>
 *   <li>{@link #LATE_PING_FILTER} – {@link LatePingFilter}: drops a ping read after a close frame, so it gets no pong</li>
 *   <li>(Netty's {@code WebSocketServerProtocolHandshakeHandler} and {@code Utf8FrameValidator}, which
 *       {@link #WS_PROTOCOL} inserts before itself)</li>
 *   <li>{@link #WS_PROTOCOL} – {@link RoomsProtocolHandler} (Netty's {@code WebSocketServerProtocolHandler}): handshake,
 *       ping → pong</li>
 *   <li>{@link #CLOSING_HANDSHAKE} – {@link ClosingHandshakeHandler}: one close frame each way, TCP closed after</li>
 *   <li>{@link #WS_AGGREGATOR} – {@code WebSocketFrameAggregator}: fragments into one bounded message</li>
 *   <li>{@link #HEARTBEAT} – {@link HeartbeatHandler}: server pings, closes 1001 on a missing pong</li>
 *   <li>{@link #LOGIN_TIMEOUT} – {@link LoginTimeoutHandler}: closes 1008 without a nick in time; self-removing</li>
 *   <li>{@link #PACKET_DECODER} – {@link TPacketFrameDecoder}: binary message → {@code TPacket}/{@code Malformed}</li>
 *   <li>{@link #PACKET_ENCODER} – {@link TPacketFrameEncoder}: {@code TPacket} → binary frame</li>
 *   <li>{@link #MALFORMED} – {@link MalformedPacketHandler}: closes with the code the spec gives the defect</li>
 *   <li>{@link #AWAIT} – {@link RoomsAwaitHandler}, on a cluster only: holds later packets while the cluster decides
 *       a nick request or join</li>
 *   <li>{@link #TRUST_GATE} – {@link TrustGateHandler}: magic string, then nick; removes itself when trusted</li>
 *   <li>{@link #SESSION} – {@link RoomsSessionHandler}: level-3 commands → {@code Rooms} service</li>
 *   <li>{@link #EXCEPTIONS} – {@link RoomsExceptionHandler}: WebSocket-level failures → close codes</li>
 * </ol>
 * After the handshake Netty replaces the HTTP codec with {@code wsencoder}/{@code wsdecoder} (a
 * {@link RoomsFrameDecoder}), which enforce masking, RSV, opcode and frame-size rules; {@link #EXCEPTIONS} sends the
 * matching close (1002/1007/1009).
 */
public final class RoomsPipeline {

    public static final String LATE_PING_FILTER = "rooms-late-ping-filter";
    public static final String WS_PROTOCOL = "rooms-ws-protocol";
    public static final String CLOSING_HANDSHAKE = "rooms-closing-handshake";
    public static final String WS_AGGREGATOR = "rooms-ws-aggregator";
    public static final String HEARTBEAT = "rooms-heartbeat";
    public static final String LOGIN_TIMEOUT = "rooms-login-timeout";
    public static final String PACKET_DECODER = "rooms-packet-decoder";
    public static final String PACKET_ENCODER = "rooms-packet-encoder";
    public static final String MALFORMED = "rooms-malformed";
    public static final String AWAIT = "rooms-await";
    public static final String TRUST_GATE = "rooms-trust-gate";
    public static final String SESSION = "rooms-session";
    public static final String EXCEPTIONS = "rooms-exceptions";

    private RoomsPipeline() {
    }
}
