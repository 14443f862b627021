package dev.switchboard.rooms.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.rooms.RoomsMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that ends a rooms connection: logs why, counts it, and sends one WebSocket close frame with the
 * status the spec prescribes. Only the first call for a connection acts; later ones (a broadcast that finds the
 * same slow consumer again, a goodbye racing a kick) do nothing, so each connection is logged, counted and sent a
 * close once. After a clean close the {@link ClosingHandshakeHandler} waits for the peer's close before TCP
 * closes; a failed connection closes TCP as soon as its frame is written. Safe to call from any thread.
 */
public final class RoomsDisconnector {

    private static final Logger log = LoggerFactory.getLogger(RoomsDisconnector.class);
    /** A close frame's reason must fit in 123 bytes (RFC 6455 §5.5): the fixed reason words always do. */
    static final int MAX_REASON_BYTES = 123;

    private final RoomsMetrics metrics;

    public RoomsDisconnector(RoomsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Bad input from the peer at the tPacket level: logged at warn, closed cleanly. */
    public void protocolError(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        if (claim(channel, reason)) {
            log.warn(ChannelLog.format(channel, "rooms protocol error (" + reason + "): " + detail + "; closing with "
                    + status.code()));
            send(channel, status, reason, false);
        }
    }

    /** An operational close (kick, heartbeat, slow consumer, shutdown): logged at info, closed cleanly. */
    public void close(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        if (claim(channel, reason)) {
            log.info(ChannelLog.format(channel, "closing rooms connection (" + reason + "): " + detail + "; status "
                    + status.code()));
            send(channel, status, reason, false);
        }
    }

    /**
     * A WebSocket-level violation (RFC 6455 §7.1.7, "fail the connection"): logged at warn, the close frame is
     * sent and TCP closes right after it without waiting for the peer.
     */
    public void fail(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        if (claim(channel, reason)) {
            log.warn(ChannelLog.format(channel, "WebSocket protocol error (" + reason + "): " + detail
                    + "; failing the connection with " + status.code()));
            send(channel, status, reason, true);
        }
    }

    /**
     * Records that the peer ended the connection (its close frame came first): later calls do nothing. Returns
     * false when the server had already started its own close.
     */
    boolean peerClosed(Channel channel) {
        RoomsConnection connection = RoomsConnection.of(channel);
        return connection == null || connection.claimClose();
    }

    private boolean claim(Channel channel, String reason) {
        RoomsConnection connection = RoomsConnection.of(channel);
        if (connection != null && !connection.claimClose()) {
            return false;
        }
        metrics.disconnected(reason);
        return true;
    }

    private void send(Channel channel, WebSocketCloseStatus status, String reason, boolean abortive) {
        if (!channel.isActive()) {
            return;
        }
        // Written from the tail so the closing-handshake stage and Netty's protocol handler see the frame go out and
        // refuse anything queued after it.
        CloseWebSocketFrame frame = new CloseWebSocketFrame(status.code(), reasonText(reason));
        channel.writeAndFlush(frame).addListener((ChannelFutureListener) written -> {
            if (abortive) {
                closeNow(channel);
            } else {
                channel.close();
            }
        });
    }

    /** Closes TCP at once, past the closing-handshake stage's wait for the peer. */
    static void closeNow(Channel channel) {
        ChannelHandlerContext closing = channel.pipeline().context(RoomsPipeline.CLOSING_HANDSHAKE);
        if (closing != null) {
            closing.close();
        } else {
            channel.close();
        }
    }

    /**
     * The close reason sent on the wire: the fixed reason word, never text from the peer, cut to
     * {@value #MAX_REASON_BYTES} bytes and limited to printable ASCII so the byte count equals the length.
     */
    static String reasonText(String reason) {
        StringBuilder text = new StringBuilder(Math.min(reason.length(), MAX_REASON_BYTES));
        for (int i = 0; i < reason.length() && text.length() < MAX_REASON_BYTES; i++) {
            char c = reason.charAt(i);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.toString();
    }
}
