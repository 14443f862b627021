package dev.switchboard.rooms.support;

import dev.switchboard.tools.codec.rooms.WebSocketFrames;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket that writes exactly the bytes a test gives it (any opcode, RSV bits, masking
 * or fragmentation) and reads the server's frames as they are on the wire, both through the shared client framing
 * ({@link WebSocketFrames}); reads time out after 10 s.
 */
public final class RawWebSocket implements AutoCloseable {

    /** The RFC 6455 sample key. */
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    /** One server frame: FIN, RSV bits, opcode, whether it was masked, and its payload. */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        /** The status of a close frame, or -1 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawWebSocket(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A version-13 upgrade request on {@code path} with extra header lines. */
    public static String upgradeRequest(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + KEY
                + "\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends raw request text and returns the response head (through the empty line). */
    public String request(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Upgrades on {@code path}; fails unless the answer is 101. */
    public RawWebSocket open(String path) throws IOException {
        String head = request(upgradeRequest(path));
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("upgrade refused: " + head);
        }
        return this;
    }

    /** Reads the body of the response whose head was just read, by its Content-Length. */
    public byte[] body(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return new byte[0];
    }

    /** One client frame: first byte (FIN, RSV, opcode) as given, masked with a fixed key unless {@code masked} is false. */
    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        return WebSocketFrames.clientFrame(firstByte, payload, masked ? MASK : null);
    }

    /** A masked client frame. */
    public static byte[] frame(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true);
    }

    /** A close payload: status then reason bytes. */
    public static byte[] closePayload(int status, byte[] reason) {
        return WebSocketFrames.closePayload(status, reason);
    }

    public RawWebSocket send(byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
        return this;
    }

    /** The next server frame, or null when the server closed the connection first. */
    public Frame next() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketException e) {
            return null; // a reset is a close too
        }
        if (first < 0) {
            return null;
        }
        WebSocketFrames.Frame frame = WebSocketFrames.read(first, in);
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), frame.masked(), frame.payload());
    }

    /** Reads frames up to and including the first close frame; fails if the connection ends before one. */
    public Frame nextClose() throws IOException {
        for (Frame frame = next(); frame != null; frame = next()) {
            if (frame.opcode() == 8) {
                return frame;
            }
        }
        throw new AssertionError("connection closed without a close frame");
    }

    /** True when the server has closed the connection: the stream ends (or resets) with no further frame. */
    public boolean endsWithoutFurtherFrames() throws IOException {
        return next() == null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
