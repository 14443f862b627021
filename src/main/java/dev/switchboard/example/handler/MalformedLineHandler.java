package dev.switchboard.example.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.service.ExampleMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every malformed line its declared outcome ({@link ExampleCloseReason#closes()}): an over-long line or one
 * past the partial-line budget closes the connection through the core disconnector, which logs it once (spec
 * §2.1 [DESIGN]); any other unparsable line is logged and dropped with no reply and the connection kept (spec
 * §2.1, §6.2); half a line at EOF is logged at info and dropped.
 */
@ChannelHandler.Sharable
public final class MalformedLineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MalformedLineHandler.class);

    private final ExampleMetrics metrics;

    public MalformedLineHandler(ExampleMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MalformedInput bad) || !(bad.reason() instanceof ExampleCloseReason reason)) {
            ctx.fireChannelRead(msg);
            return;
        }
        metrics.malformed(reason);
        if (reason.closes()) {
            Connection.of(ctx.channel()).close(reason, bad.detail());
        } else if (reason == ExampleCloseReason.TRUNCATED) {
            log.info(ChannelLog.format(ctx.channel(), "peer closed in the middle of a line, dropped " + reason.tag()
                    + " (" + bad.detail() + ")"));
        } else {
            log.warn(ChannelLog.format(ctx.channel(), "ignoring unparsable line " + reason.tag() + " ("
                    + bad.detail() + ")"));
        }
    }
}
