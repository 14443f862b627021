package dev.switchboard.example.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Builds the UDP log-rotate channel's pipeline: {@link ExamplePipeline#LOG_ROTATE} only. The core's
 * tail handler is left out on purpose: it closes its channel, and here that channel is the listener.
 */
public final class LogRotateChannelInitializer extends ChannelInitializer<Channel> {

    private final LogRotateDatagramHandler handler;

    public LogRotateChannelInitializer(LogRotateDatagramHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(ExamplePipeline.LOG_ROTATE, handler);
    }
}
