package dev.switchboard.rooms.handler;

import dev.switchboard.tools.codec.rooms.WebSocketFrames;
import java.util.Arrays;

/** One WebSocket frame as a test sees it on the wire, plus builders for client (masked) frames, by the shared client framing. */
record WsFrame(boolean fin, int rsv, int opcode, byte[] payload, byte[] wire) {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Status code of a close frame, or -1 when it has none. */
    int closeCode() {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    /** A client frame: masked with {@code mask} unless it is null. */
    static byte[] client(int firstByte, byte[] payload, byte[] mask) {
        return WebSocketFrames.clientFrame(firstByte, payload, mask);
    }

    static byte[] binary(byte[] payload) {
        return WebSocketFrames.binary(payload);
    }

    /**
     * Parses one unmasked server frame from {@code bytes} at {@code offset}; null when incomplete.
     */
    static WsFrame parse(byte[] bytes, int offset, int limit) {
        WebSocketFrames.Frame frame = WebSocketFrames.parse(bytes, offset, limit);
        if (frame == null) {
            return null;
        }
        if (frame.masked()) {
            throw new AssertionError("server frames must not be masked");
        }
        return new WsFrame(frame.fin(), frame.rsv(), frame.opcode(), frame.payload(),
                Arrays.copyOfRange(bytes, offset, offset + frame.wireLength()));
    }
}
