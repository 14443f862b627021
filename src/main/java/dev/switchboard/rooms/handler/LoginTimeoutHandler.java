package dev.switchboard.rooms.handler;

import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.message.TrustLevel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds the time from the upgrade to an accepted nick (trust level 3): a connection still below it after the
 * login timeout is closed with 1008. Removes itself once the connection is trusted. Stateful (one deadline per
 * connection), so built per channel.
 */
final class LoginTimeoutHandler extends ChannelInboundHandlerAdapter implements Expirable {

    private final Duration timeout;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private final RoomsDisconnector disconnector;
    private volatile Instant deadline;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    LoginTimeoutHandler(Duration timeout, Clock clock, TimeoutSweeper sweeper, RoomsDisconnector disconnector) {
        this.timeout = timeout;
        this.clock = clock;
        this.sweeper = sweeper;
        this.disconnector = disconnector;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete && registration == null && !timeout.isZero()) {
            deadline = clock.instant().plus(timeout);
            registration = sweeper.register(this);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    /** Runs on the sweeper's thread; channel work hops to the event loop. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        if (trusted()) {
            ctx.executor().execute(() -> ctx.pipeline().remove(this));
            return false;
        }
        if (now.isBefore(deadline)) {
            return true;
        }
        ctx.executor().execute(() -> {
            if (!trusted()) {
                disconnector.protocolError(ctx.channel(), WebSocketCloseStatus.POLICY_VIOLATION, "login-timeout",
                        "no accepted nick within " + timeout);
            }
        });
        return false;
    }

    private boolean trusted() {
        return RoomsConnection.of(ctx.channel()).level() == TrustLevel.TRUSTED;
    }
}
