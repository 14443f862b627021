package dev.switchboard.rooms.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.rooms.RoomsMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that ends a rooms connection: logs why, counts it, sends a WebSocket close frame with the
 * status the spec prescribes and closes TCP once it is written. Safe to call from any thread.
 */
public final class RoomsDisconnector {

    private static final Logger log = LoggerFactory.getLogger(RoomsDisconnector.class);
    /** A close frame's reason must fit in 123 bytes (RFC 6455 §5.5); ours are short ASCII. */
    private static final int MAX_REASON = 120;

    private final RoomsMetrics metrics;

    public RoomsDisconnector(RoomsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Bad input from the peer: logged at warn. */
    public void protocolError(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        log.warn(ChannelLog.format(channel, "rooms protocol error (" + reason + "): " + detail + "; closing with "
                + status.code()));
        send(channel, status, reason, detail);
    }

    /** An operational close (kick, heartbeat, shutdown): logged at info. */
    public void close(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        log.info(ChannelLog.format(channel, "closing rooms connection (" + reason + "): " + detail + "; status "
                + status.code()));
        send(channel, status, reason, detail);
    }

    private void send(Channel channel, WebSocketCloseStatus status, String reason, String detail) {
        metrics.disconnected(reason);
        if (!channel.isActive()) {
            return;
        }
        String text = detail.length() > MAX_REASON ? detail.substring(0, MAX_REASON) : detail;
        // Written from the tail so WebSocketServerProtocolHandler records that a close frame went out and
        // refuses anything queued after it.
        channel.writeAndFlush(new CloseWebSocketFrame(status.code(), text)).addListener(ChannelFutureListener.CLOSE);
    }
}
