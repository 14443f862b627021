package dev.switchboard.tools.codec.sea;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the server → client SEA stream into messages on a Netty client, using {@link SeaServerFormat}:
 * a message is consumed only once all of it is readable. A #4 MESSAGE becomes a {@link SeaMessageText}
 * holding a retained slice of its payload (no copy on the delivery path); every other message becomes
 * its {@link SeaServerMessage} record. A message longer than {@code maxMessage}, an unknown code or a
 * missing MESSAGE terminator becomes one {@link Failure}, and the rest of the stream is discarded (it
 * cannot be resynchronised). A client that only counts deliveries can pass a {@link MessageSink} instead:
 * it then sees each MESSAGE payload in place, with no holder or slice per message.
 */
public final class SeaServerDecoder extends ByteToMessageDecoder {

    /** The stream broke; the connection has to be dropped. */
    public record Failure(String reason) {
    }

    /** Receives #4 MESSAGE payloads in place; runs on the channel's event loop. */
    @FunctionalInterface
    public interface MessageSink {
        /** {@code payloadLength} bytes at {@code payloadIndex} of {@code in}, valid only during the call. */
        void message(int senderId, boolean isPrivate, ByteBuf in, int payloadIndex, int payloadLength);
    }

    private final int maxMessage;
    private final int version;
    private final MessageSink sink;
    private boolean broken;

    /** A decoder for a session that announced {@code version} (0 before any #4, §7). */
    public SeaServerDecoder(int maxMessage, int version) {
        this(maxMessage, version, null);
    }

    /** As {@link #SeaServerDecoder(int, int)}, with MESSAGE payloads handed to {@code sink} instead of passed on. */
    public SeaServerDecoder(int maxMessage, int version, MessageSink sink) {
        this.maxMessage = maxMessage;
        this.version = version;
        this.sink = sink;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!broken && in.isReadable()) {
            int start = in.readerIndex();
            int length = SeaServerFormat.length(in, start, Math.min(in.writerIndex(), start + maxMessage + 1), version);
            if (length == SeaServerFormat.INCOMPLETE) {
                if (in.readableBytes() > maxMessage) {
                    fail(out, "server message longer than " + maxMessage + " bytes");
                }
                break;
            }
            if (length == SeaServerFormat.UNKNOWN) {
                fail(out, "unexpected server message code " + in.getUnsignedByte(start));
                break;
            }
            try {
                if (sink != null && in.getUnsignedByte(start) == SeaServerMessage.MESSAGE) {
                    SeaServerFormat.requireTerminator(in, start, length);
                    sink.message(in.getUnsignedShort(start + 1), in.getByte(start + 3) != 0, in,
                            start + SeaServerFormat.MESSAGE_HEADER, length - SeaServerFormat.MESSAGE_HEADER - 1);
                    in.skipBytes(length);
                    continue;
                }
                out.add(read(in, start, length));
            } catch (IllegalStateException e) {
                fail(out, e.getMessage());
                break;
            }
            in.skipBytes(length);
            if (sink != null) {
                // The message goes down the pipeline before any later MESSAGE reaches the sink.
                break;
            }
        }
        if (broken) {
            in.skipBytes(in.readableBytes());
        }
    }

    private Object read(ByteBuf in, int start, int length) {
        if (in.getUnsignedByte(start) != SeaServerMessage.MESSAGE) {
            return SeaServerFormat.decode(in, start, length, version);
        }
        SeaServerFormat.requireTerminator(in, start, length);
        return new SeaMessageText(in.getUnsignedShort(start + 1), in.getByte(start + 3) != 0,
                SeaServerFormat.printers(in, start, version),
                in.retainedSlice(start + SeaServerFormat.MESSAGE_HEADER, length - SeaServerFormat.MESSAGE_HEADER - 1));
    }

    private void fail(List<Object> out, String reason) {
        broken = true;
        out.add(new Failure(reason));
    }
}
