package dev.switchboard.http.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that neither sent nor received anything for the idle timeout, silently as
 * the original did (http-server spec §2.8): an idle keep-alive connection has no request to
 * answer with 408. Detection and closing are one stage: the idle event never travels the pipeline.
 * Watches raw reads and write progress ({@code observeOutput}), so a large download that is still
 * draining counts as activity. Stateful, so one instance per connection.
 */
final class IdleCloseHandler extends IdleStateHandler {

    IdleCloseHandler(long idleMillis) {
        super(true, 0, 0, idleMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        HttpConnections.close(ctx.channel(), HttpCloseReason.IDLE_TIMEOUT, "");
    }
}
