package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaCodes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * Splits the client byte stream into {@link SeaFrame}s: a BE24 length {@code L}, the command byte and
 * {@code L − 1} body bytes (§2.2).
 *
 * <p>The declared length is checked against the current cap <em>before</em> waiting for the body,
 * so an anonymous peer cannot make the server buffer 16 MiB (F18). The cap is read for every frame
 * because it changes with the session's state (smaller before login). A zero or oversized length
 * yields one {@link MalformedFrame} and every later byte is discarded, because the session is killed
 * anyway (§5.1). The decoder never logs or closes; the session handler does.
 */
public final class SeaFrameDecoder extends ByteToMessageDecoder {

    private final IntSupplier maxFrameLength;
    private boolean failed;

    /** @param maxFrameLength the largest {@code L} accepted for the next frame, at most 16 MiB − 1 */
    public SeaFrameDecoder(IntSupplier maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < SeaCodes.LENGTH_FIELD_SIZE) {
            return;
        }
        int length = in.getUnsignedMedium(in.readerIndex());
        if (length == 0) {
            fail(in, out, "zero frame length");
            return;
        }
        int cap = Math.min(maxFrameLength.getAsInt(), SeaCodes.MAX_FRAME_LENGTH);
        if (length > cap) {
            fail(in, out, "frame length " + length + " exceeds the limit of " + cap);
            return;
        }
        if (in.readableBytes() < SeaCodes.LENGTH_FIELD_SIZE + length) {
            return;
        }
        in.skipBytes(SeaCodes.LENGTH_FIELD_SIZE);
        int command = in.readUnsignedByte();
        out.add(new SeaFrame(length, command, in.readRetainedSlice(length - 1)));
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new MalformedFrame(reason));
    }
}
