package dev.switchboard.tools.load.example;

import dev.switchboard.tools.codec.example.ExampleLine;
import dev.switchboard.tools.codec.example.ExampleLines;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;

/**
 * Plays the client side of one example conversation (example-protocol.md §6.1): HI → DAD,
 * CLIMB → TOP, WHO → MOM, and on BYE closes the connection, as the reference client does. Lines come
 * from a {@code LineBasedFrameDecoder} that strips the LF. Stateful (it tracks the step), so built
 * per channel.
 */
public final class ExampleConversationHandler extends SimpleChannelInboundHandler<ByteBuf> {

    /** What the conversation tells its owner; runs on the channel's event loop. */
    public interface Listener {
        /** BYE arrived after the full exchange. */
        void completed();

        /** A line that is not the next step of the conversation (e.g. {@code UNKNOWN command=…}). */
        void unexpected(String line);
    }

    // The replies are encoded once by the shared client codec; the hot path only copies bytes.
    private static final byte[] DAD = frame("DAD");
    private static final byte[] TOP = frame("TOP");
    private static final byte[] MOM = frame("MOM");

    private final Listener listener;
    private int step;

    public ExampleConversationHandler(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        byte[] reply = null;
        if (step == 0 && is(line, "HI")) {
            reply = DAD;
        } else if (step == 1 && is(line, "CLIMB")) {
            reply = TOP;
        } else if (step == 2 && is(line, "WHO")) {
            reply = MOM;
        } else if (step == 3 && is(line, "BYE")) {
            step++;
            listener.completed();
            ctx.close();
            return;
        } else {
            listener.unexpected(line.toString(StandardCharsets.ISO_8859_1));
            return;
        }
        step++;
        ctx.writeAndFlush(ctx.alloc().buffer(reply.length).writeBytes(reply));
    }

    /** The TCP frame of a bare command: its canonical text then LF (§2.1, §3.4). */
    private static byte[] frame(String command) {
        return (ExampleLines.serialize(ExampleLine.of(command)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The line is exactly {@code word}; a CR before the LF is tolerated (§2.1). */
    private static boolean is(ByteBuf line, String word) {
        int n = line.readableBytes();
        if (n > 0 && line.getByte(line.writerIndex() - 1) == '\r') {
            n--;
        }
        if (n != word.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line.getByte(line.readerIndex() + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.unexpected(cause.toString());
        ctx.close();
    }
}
