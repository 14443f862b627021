package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.TrustLevel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds the time from the upgrade to an accepted nick (trust level 3): a connection still below it after the
 * login timeout is closed with 1008. Removes itself once the connection is trusted. The deadline is checked on
 * the channel's event loop, which owns the trust level. Stateful (one deadline per connection), so built per
 * channel.
 */
final class LoginTimeoutHandler extends ChannelInboundHandlerAdapter implements Expirable {

    private final Duration timeout;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private Instant deadline;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    LoginTimeoutHandler(Duration timeout, Clock clock, TimeoutSweeper sweeper) {
        this.timeout = timeout;
        this.clock = clock;
        this.sweeper = sweeper;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete && registration == null && !timeout.isZero()) {
            deadline = clock.instant().plus(timeout);
            registration = sweeper.register(ctx.channel().eventLoop(), this);
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

    /** Runs on the channel's event loop. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        if (trusted()) {
            ctx.pipeline().remove(this);
            return false;
        }
        if (now.isBefore(deadline)) {
            return true;
        }
        Connection.of(ctx.channel()).close(RoomsCloseReason.LOGIN_TIMEOUT, "no accepted nick within " + timeout);
        return false;
    }

    private boolean trusted() {
        return RoomsConnection.of(ctx.channel()).level() == TrustLevel.TRUSTED;
    }
}
