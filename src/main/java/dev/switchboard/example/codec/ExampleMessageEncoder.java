package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@code serialize(message) + LF} in UTF-8: the TCP frame of spec §2.1 and §3.4. */
@ChannelHandler.Sharable
public final class ExampleMessageEncoder extends MessageToByteEncoder<ExampleMessage> {

    public ExampleMessageEncoder() {
        super(ExampleMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ExampleMessage msg, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, MessageSerializer.serialize(msg));
        out.writeByte('\n');
    }
}
