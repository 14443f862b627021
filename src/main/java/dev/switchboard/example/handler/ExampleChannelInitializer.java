package dev.switchboard.example.handler;

import dev.switchboard.example.codec.ExampleLineDecoder;
import dev.switchboard.example.codec.ExampleMessageEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** Builds an example TCP or unix-socket connection's pipeline, in {@link ExamplePipeline}'s order. */
public final class ExampleChannelInitializer extends ChannelInitializer<Channel> {

    private final int maxLineLength;
    private final ExampleMessageEncoder encoder;
    private final MalformedLineHandler malformed;
    private final ExampleSessionHandler session;
    private final ChannelHandler tail;

    public ExampleChannelInitializer(int maxLineLength, ExampleMessageEncoder encoder, MalformedLineHandler malformed,
                                     ExampleSessionHandler session, ChannelHandler tail) {
        this.maxLineLength = maxLineLength;
        this.encoder = encoder;
        this.malformed = malformed;
        this.session = session;
        this.tail = tail;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // The decoder keeps partial-line state, so each connection gets its own.
        p.addLast(ExamplePipeline.DECODER, new ExampleLineDecoder(maxLineLength));
        p.addLast(ExamplePipeline.ENCODER, encoder);
        p.addLast(ExamplePipeline.MALFORMED, malformed);
        p.addLast(ExamplePipeline.SESSION, session);
        p.addLast(ExamplePipeline.TAIL, tail);
    }
}
