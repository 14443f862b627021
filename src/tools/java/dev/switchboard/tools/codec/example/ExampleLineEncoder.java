package dev.switchboard.tools.codec.example;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@code serialize(line) + LF} in UTF-8: the TCP frame of §2.1 and §3.4. Stateless and shared. */
@ChannelHandler.Sharable
public final class ExampleLineEncoder extends MessageToByteEncoder<ExampleLine> {

    public ExampleLineEncoder() {
        super(ExampleLine.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ExampleLine line, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, ExampleLines.serialize(line));
        out.writeByte('\n');
    }
}
