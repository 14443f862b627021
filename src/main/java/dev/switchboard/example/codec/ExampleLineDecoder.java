package dev.switchboard.example.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.util.List;

/**
 * Bounded LF framing (spec §2.1) plus parsing: emits {@code ExampleMessage} or {@link MalformedLine}.
 *
 * <p>Stateful (discard mode after an over-long line), so one instance per channel. An empty line is
 * dropped silently as REF does; a line over {@code maxLineLength} bytes (LF excluded) yields one
 * {@link MalformedLine.Reason#TOO_LONG} as soon as the limit is passed, without waiting for its end,
 * and the rest of it is discarded. Never logs or closes: that is the handler's job.
 */
public final class ExampleLineDecoder extends ByteToMessageDecoder {

    private final int maxLineLength;
    private boolean discarding;

    public ExampleLineDecoder(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                int eol = in.forEachByte(ByteProcessor.FIND_LF);
                if (eol < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(eol + 1);
                discarding = false;
                continue;
            }
            // Look no further than one byte past the limit: the decoder stays bounded.
            int window = Math.min(in.readableBytes(), maxLineLength + 1);
            int eol = in.forEachByte(in.readerIndex(), window, ByteProcessor.FIND_LF);
            if (eol < 0) {
                if (in.readableBytes() > maxLineLength) {
                    out.add(new MalformedLine(MalformedLine.Reason.TOO_LONG,
                            "line longer than " + maxLineLength + " bytes", LineDecoding.preview(in)));
                    in.skipBytes(window);
                    discarding = true;
                    continue;
                }
                return;
            }
            int length = eol - in.readerIndex();
            ByteBuf line = in.readSlice(length);
            in.skipBytes(1);
            if (length > 0) {
                LineDecoding.decode(line, out);
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable()) {
            // Half a line then EOF (or a shutdown input): a line needs its LF (§2.1), so drop it.
            out.add(new MalformedLine(MalformedLine.Reason.TRUNCATED,
                    in.readableBytes() + " bytes without a final LF", LineDecoding.preview(in)));
            in.skipBytes(in.readableBytes());
        }
    }
}
