package dev.switchboard.example.codec;

import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.example.message.ExampleCloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns one framed line (LF already removed) into an {@code ExampleMessage} or a {@link MalformedInput}. */
public final class LineDecoding {

    private static final int PREVIEW_BYTES = 64;

    private LineDecoding() {
    }

    /**
     * Decodes {@code line} into {@code out}. Does not release or advance {@code line}.
     *
     * <p>Our §2.1 decision: lines are strict UTF-8. Invalid UTF-8 and NUL bytes make the line
     * unparsable, which the spec's rule for unparsable lines covers: logged, dropped, no reply.
     */
    public static void decode(ByteBuf line, List<Object> out) {
        if (line.forEachByte(ByteProcessor.FIND_NUL) >= 0) {
            out.add(malformed(ExampleCloseReason.NUL_BYTE, "NUL byte in line", preview(line)));
            return;
        }
        if (!ByteBufUtil.isText(line, StandardCharsets.UTF_8)) {
            out.add(malformed(ExampleCloseReason.INVALID_UTF8, "line is not valid UTF-8", preview(line)));
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        ParseResult result = MessageParser.parse(text);
        if (result instanceof ParseResult.Parsed parsed) {
            out.add(parsed.message());
        } else if (result instanceof ParseResult.Invalid invalid) {
            out.add(malformed(ExampleCloseReason.SYNTAX, invalid.reason(), preview(line)));
        }
    }

    /**
     * Bad input with the example's declared outcome ({@code reason}), the parser's reason or a byte count, and a
     * short printable preview of the bytes for the one log line.
     */
    static MalformedInput malformed(ExampleCloseReason reason, String detail, String preview) {
        return new MalformedInput(reason, preview.isEmpty() ? detail : detail + ": " + preview);
    }

    /** The first bytes of {@code buf}, printable ASCII as is and everything else as {@code \xNN}. */
    static String preview(ByteBuf buf) {
        int n = Math.min(buf.readableBytes(), PREVIEW_BYTES);
        StringBuilder sb = new StringBuilder(n + 8);
        for (int i = 0; i < n; i++) {
            int b = buf.getUnsignedByte(buf.readerIndex() + i);
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02X", b));
            }
        }
        if (buf.readableBytes() > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
