package dev.switchboard.sea.handler;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaUser;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.time.Clock;
import java.time.Instant;

/**
 * Closes a connection that has not logged in within its connection class's login timeout (§10.1),
 * using the core {@link TimeoutSweeper} and the injected clock. Armed by the session handler's
 * {@link SeaEvents.Admitted} event (the deadline depends on the matched class); removes itself and its
 * registration once the session has logged in. Stateful, one per connection.
 */
final class SeaLoginTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final SeaService service;
    private TimeoutSweeper.Registration registration;

    SeaLoginTimeoutHandler(TimeoutSweeper sweeper, Clock clock, SeaService service) {
        this.sweeper = sweeper;
        this.clock = clock;
        this.service = service;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SeaEvents.Admitted admitted) {
            arm(ctx, admitted.user(), clock.instant().plus(admitted.loginTimeout()));
        } else if (evt == SeaEvents.LOGGED_IN) {
            ctx.pipeline().remove(this);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void arm(ChannelHandlerContext ctx, SeaUser user, Instant deadline) {
        registration = sweeper.register(now -> {
            if (now.isBefore(deadline)) {
                return true;
            }
            // The sweeper thread must not touch SEA state: hop onto the roster executor.
            ctx.executor().execute(() -> service.loginTimedOut(user));
            return false;
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void disarm() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
