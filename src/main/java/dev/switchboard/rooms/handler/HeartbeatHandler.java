package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.service.Heartbeat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Clock;
import java.time.Instant;

/**
 * Server heartbeat (spec §3): pings the client every interval and closes with 1001 when a ping goes unanswered
 * for the timeout. Time comes from the injected clock through the core {@link TimeoutSweeper}, which checks it on
 * the channel's event loop, where the heartbeat state lives; tests move a clock instead of waiting. Stateful (one
 * {@link Heartbeat} per connection), so built per channel.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter implements Expirable {

    private final Heartbeat heartbeat;
    private final TimeoutSweeper sweeper;
    private final boolean enabled;
    private final RoomsMetrics metrics;
    /** {@link System#nanoTime()} of the unanswered ping, 0 when none is out. */
    private long pingSentNanos;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    HeartbeatHandler(RoomsHeartbeatSettings settings, Clock clock, TimeoutSweeper sweeper, RoomsMetrics metrics) {
        this.metrics = metrics;
        this.heartbeat = new Heartbeat(settings.interval(), settings.timeout(), clock.instant());
        this.sweeper = sweeper;
        this.enabled = !settings.interval().isZero();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete && registration == null && enabled) {
            registration = sweeper.register(ctx.channel().eventLoop(), this);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
            if (pingSentNanos != 0) {
                metrics.pingRoundTrip(System.nanoTime() - pingSentNanos);
                pingSentNanos = 0;
            }
            heartbeat.pongReceived();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** Runs on the channel's event loop, where the heartbeat state lives. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        switch (heartbeat.check(now)) {
            case PING -> {
                pingSentNanos = System.nanoTime();
                ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
            }
            case EXPIRED -> {
                cancel();
                Connection.of(ctx.channel()).close(RoomsCloseReason.HEARTBEAT_TIMEOUT,
                        "no pong within the heartbeat timeout");
                return false;
            }
            case NONE -> {
            }
        }
        return true;
    }

    private void cancel() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
