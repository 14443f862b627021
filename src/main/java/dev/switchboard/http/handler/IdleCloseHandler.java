package dev.switchboard.http.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that neither sent nor received anything for the idle timeout, silently as
 * the original did (http-server spec §2.8): an idle keep-alive connection has no request to
 * answer with 408.
 */
@Sharable
public final class IdleCloseHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IdleCloseHandler.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (log.isDebugEnabled()) {
                log.debug(ChannelLog.format(ctx.channel(), "idle timeout, closing"));
            }
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
