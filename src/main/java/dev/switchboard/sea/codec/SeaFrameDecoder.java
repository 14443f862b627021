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
 *
 * <p>Before buffering a frame whose body has not fully arrived, the decoder asks its
 * {@link SeaFrameAllowance}, and tells it when that frame is complete; a refused frame is discarded
 * with everything after it. The buffered bytes grow with what was actually received (Netty's merge
 * cumulator), never with what the header announces.
 */
public final class SeaFrameDecoder extends ByteToMessageDecoder {

    private final IntSupplier maxFrameLength;
    private final SeaFrameAllowance allowance;
    private boolean failed;
    private boolean admitted;

    /** @param maxFrameLength the largest {@code L} accepted for the next frame, at most 16 MiB − 1 */
    public SeaFrameDecoder(IntSupplier maxFrameLength) {
        this(maxFrameLength, SeaFrameAllowance.UNLIMITED);
    }

    /**
     * @param maxFrameLength the largest {@code L} accepted for the next frame, at most 16 MiB − 1
     * @param allowance      asked before a partially received frame is buffered
     */
    public SeaFrameDecoder(IntSupplier maxFrameLength, SeaFrameAllowance allowance) {
        this.maxFrameLength = maxFrameLength;
        this.allowance = allowance;
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
            if (!admitted) {
                if (!allowance.frameStarted(length)) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    return;
                }
                admitted = true;
            }
            return;
        }
        in.skipBytes(SeaCodes.LENGTH_FIELD_SIZE);
        int command = in.readUnsignedByte();
        out.add(new SeaFrame(length, command, in.readRetainedSlice(length - 1)));
        frameDone();
    }

    private void frameDone() {
        if (admitted) {
            admitted = false;
            allowance.frameCompleted();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        // The connection is going away with a frame half-received: its share goes back.
        frameDone();
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new MalformedFrame(reason));
    }
}
