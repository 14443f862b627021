package dev.switchboard.tools.codec.sea;

import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads server → client SEA messages from a blocking stream (a socket, a recorded byte array), with
 * {@link SeaServerFormat} working out where each one ends. The version decides the MESSAGE layout (§7,
 * §9.2) and can change mid-stream, as it does when the client sends #4. Raw reads
 * ({@link #readExactly}, {@link #read}) share the same buffer, so a caller may mix them with whole
 * messages. Not thread-safe.
 */
public final class SeaServerReader {

    /** Largest message accepted: a v102 MESSAGE of the largest payload the BE24 length allows, plus a roster margin. */
    public static final int MAX_MESSAGE = 17 * 1024 * 1024;

    private final InputStream in;
    private int version;
    private byte[] buf = new byte[8192];
    private int start;
    private int end;

    public SeaServerReader(InputStream in, int version) {
        this.in = in;
        this.version = version;
    }

    /** The version whose MESSAGE layout later reads expect. */
    public void version(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    /**
     * The next whole message, decoded.
     *
     * @return the message, or {@code null} at a clean end of stream between messages
     * @throws EOFException          if the stream ends inside a message
     * @throws IllegalStateException on a code no server sends, a missing MESSAGE terminator, or a
     *                               message longer than {@link #MAX_MESSAGE}
     */
    public SeaServerMessage next() throws IOException {
        int length = nextLength();
        if (length < 0) {
            return null;
        }
        SeaServerMessage message = SeaServerFormat.decode(Unpooled.wrappedBuffer(buf), start, length, version);
        start += length;
        return message;
    }

    /** The bytes of the next whole message exactly as received; {@code null} at a clean end of stream. */
    public byte[] nextBytes() throws IOException {
        int length = nextLength();
        if (length < 0) {
            return null;
        }
        byte[] bytes = Arrays.copyOfRange(buf, start, start + length);
        start += length;
        return bytes;
    }

    /** Exactly {@code n} raw bytes, or fewer if the stream ends first. */
    public byte[] readExactly(int n) throws IOException {
        while (end - start < n && fill()) {
            // keep reading until n bytes are buffered or the stream ends
        }
        int got = Math.min(n, end - start);
        byte[] bytes = Arrays.copyOfRange(buf, start, start + got);
        start += got;
        return bytes;
    }

    /** One raw byte, or -1 at the end of the stream. */
    public int read() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        return buf[start++] & 0xFF;
    }

    /** Bytes readable without blocking: those buffered plus those the stream says it has. */
    public int available() throws IOException {
        return end - start + in.available();
    }

    private int nextLength() throws IOException {
        while (true) {
            int length = end == start ? SeaServerFormat.INCOMPLETE
                    : SeaServerFormat.length(Unpooled.wrappedBuffer(buf), start, end, version);
            if (length == SeaServerFormat.UNKNOWN) {
                throw new IllegalStateException("unknown server command 0x%02x; cannot parse further"
                        .formatted(buf[start] & 0xFF));
            }
            if (length != SeaServerFormat.INCOMPLETE) {
                return length;
            }
            if (end - start > MAX_MESSAGE) {
                throw new IllegalStateException("server message longer than " + MAX_MESSAGE + " bytes");
            }
            if (!fill()) {
                if (end == start) {
                    return -1;
                }
                throw new EOFException("stream ended inside a server message (code %d, %d bytes read)"
                        .formatted(buf[start] & 0xFF, end - start));
            }
        }
    }

    /** Reads what the stream has into the buffer; false at its end. */
    private boolean fill() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
