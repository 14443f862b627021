package dev.switchboard.example.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.example.codec.MalformedLine;
import dev.switchboard.example.service.ExampleMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Gives every {@link MalformedLine} its defined outcome: an over-long line is logged and the connection
 * closed (spec §2.1 [DESIGN]); any other unparsable line is logged and dropped with no reply and the
 * connection kept (spec §2.1, §6.2); half a line at EOF is logged at info and dropped.
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
        if (!(msg instanceof MalformedLine bad)) {
            ctx.fireChannelRead(msg);
            return;
        }
        metrics.malformed(bad.reason().name().toLowerCase(Locale.ROOT));
        String text = bad.reason() + " (" + bad.detail() + "): " + bad.preview();
        if (bad.reason().fatal()) {
            log.warn(ChannelLog.format(ctx.channel(), "closing connection after malformed input " + text));
            ctx.close();
        } else if (bad.reason() == MalformedLine.Reason.TRUNCATED) {
            log.info(ChannelLog.format(ctx.channel(), "peer closed in the middle of a line, dropped " + text));
        } else {
            log.warn(ChannelLog.format(ctx.channel(), "ignoring unparsable line " + text));
        }
    }
}
