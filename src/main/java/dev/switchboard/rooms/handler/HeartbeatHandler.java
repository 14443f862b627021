package dev.switchboard.rooms.handler;

import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.service.Heartbeat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Clock;
import java.time.Instant;

/**
 * Server heartbeat (spec §3): pings the client every interval and closes with 1001 when a ping goes unanswered
 * for the timeout. Time comes from the injected clock through the core {@link TimeoutSweeper}, so tests move a
 * clock instead of waiting. Stateful (one {@link Heartbeat} per connection), so built per channel.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter implements Expirable {

    private final Heartbeat heartbeat;
    private final TimeoutSweeper sweeper;
    private final RoomsDisconnector disconnector;
    private final boolean enabled;
    private final RoomsMetrics metrics;
    /** {@link System#nanoTime()} of the unanswered ping, 0 when none is out. */
    private long pingSentNanos;
    /** Copy of {@code heartbeat.nextDue()} the sweeper thread may read, so idle sweeps cost no task. */
    private volatile Instant nextDue;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    HeartbeatHandler(RoomsHeartbeatSettings settings, Clock clock, TimeoutSweeper sweeper,
            RoomsDisconnector disconnector) {
        this(settings, clock, sweeper, disconnector, RoomsMetrics.NOOP);
    }

    HeartbeatHandler(RoomsHeartbeatSettings settings, Clock clock, TimeoutSweeper sweeper,
            RoomsDisconnector disconnector, RoomsMetrics metrics) {
        this.metrics = metrics;
        this.heartbeat = new Heartbeat(settings.interval(), settings.timeout(), clock.instant());
        this.sweeper = sweeper;
        this.disconnector = disconnector;
        this.enabled = !settings.interval().isZero();
        this.nextDue = heartbeat.nextDue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete && registration == null && enabled) {
            registration = sweeper.register(this);
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
            nextDue = heartbeat.nextDue();
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

    /** Runs on the sweeper's thread: hops to the event loop, where the heartbeat state lives. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        if (now.isBefore(nextDue)) {
            return true;
        }
        ctx.executor().execute(() -> tick(now));
        return true;
    }

    /** Runs on the channel's event loop. */
    void tick(Instant now) {
        Heartbeat.Action action = heartbeat.check(now);
        nextDue = heartbeat.nextDue();
        switch (action) {
            case PING -> {
                pingSentNanos = System.nanoTime();
                ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
            }
            case EXPIRED -> {
                cancel();
                disconnector.close(ctx.channel(), WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "heartbeat-timeout",
                        "no pong within the heartbeat timeout");
            }
            case NONE -> {
            }
        }
    }

    private void cancel() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
