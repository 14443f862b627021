package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.SeaRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Pipeline stage that turns {@link SeaInbound} items into {@link SeaRequest}s with
 * {@link SeaCommandParser}. The input frame is released by the superclass after parsing; the request
 * holds copies only.
 */
public final class SeaCommandDecoder extends MessageToMessageDecoder<SeaInbound> {

    private final SeaDecodeContext context;

    public SeaCommandDecoder(SeaDecodeContext context) {
        super(SeaInbound.class);
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, SeaInbound msg, List<Object> out) {
        if (msg instanceof SeaFrame frame) {
            out.add(SeaCommandParser.parse(frame.length(), frame.command(), frame.content(),
                    context.version(), context.strict()));
        } else if (msg instanceof MalformedFrame bad) {
            out.add(SeaRequest.exact(0, new Malformed(Malformed.NO_CODE, bad.reason())));
        }
    }
}
