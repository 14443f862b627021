package dev.switchboard.tools.codec.example;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns one line (LF already stripped by a {@code LineBasedFrameDecoder} in front, §2.1) into an
 * {@link ExampleLine}, or an {@link ExampleLines.Invalid} the client reports and ignores. Lines are UTF-8.
 * Stateless, so one instance may serve every channel.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class ExampleLineDecoder extends MessageToMessageDecoder<ByteBuf> {

    public ExampleLineDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        ExampleLines.Parsed parsed = ExampleLines.parse(line.toString(StandardCharsets.UTF_8));
        out.add(parsed instanceof ExampleLines.Valid valid ? valid.line() : parsed);
    }
}
