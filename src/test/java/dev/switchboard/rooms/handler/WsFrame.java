package dev.switchboard.rooms.handler;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** One WebSocket frame as a test sees it on the wire, plus builders for client (masked) frames. */
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = mask == null ? 0 : 0x80;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift));
            }
        }
        if (mask != null) {
            out.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(mask == null ? payload[i] : payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }

    static byte[] binary(byte[] payload) {
        return client(0x80 | BINARY, payload, new byte[] {0x11, 0x22, 0x33, 0x44});
    }

    /**
     * Parses one unmasked server frame from {@code bytes} at {@code offset}; null when incomplete.
     */
    static WsFrame parse(byte[] bytes, int offset, int limit) {
        if (limit - offset < 2) {
            return null;
        }
        int b0 = bytes[offset] & 0xFF;
        int b1 = bytes[offset + 1] & 0xFF;
        int pos = offset + 2;
        long len = b1 & 0x7F;
        if (len == 126) {
            if (limit - pos < 2) {
                return null;
            }
            len = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
            pos += 2;
        } else if (len == 127) {
            if (limit - pos < 8) {
                return null;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (bytes[pos + i] & 0xFF);
            }
            pos += 8;
        }
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("server frames must not be masked");
        }
        if (limit - pos < len) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(bytes, pos, pos + (int) len);
        byte[] wire = Arrays.copyOfRange(bytes, offset, pos + (int) len);
        return new WsFrame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, payload, wire);
    }
}
