package dev.switchboard.tools.codec.rooms;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * RFC 6455 §5.2 framing as a hand-rolled client sees it: client frames built byte by byte (any first
 * byte, masked or not, so tests can also send what a browser never would) and server frames read back
 * from a byte array or a stream, each with the exact bytes it took on the wire.
 */
public final class WebSocketFrames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** FIN plus the binary opcode: the first byte of every whole rooms message (§1). */
    public static final int FIN_BINARY = 0x80 | BINARY;

    /** The masking key clients use unless a test picks another. */
    public static final byte[] DEFAULT_MASK = {0x11, 0x22, 0x33, 0x44};

    /** One frame as received: FIN, RSV bits, opcode, whether it was masked, its (unmasked) payload and wire bytes. */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, int wireLength) {
        /** The status of a close frame, or -1 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    private WebSocketFrames() {
    }

    /** A client frame with first byte (FIN, RSV, opcode) as given, masked with {@code mask} unless it is null. */
    public static byte[] clientFrame(int firstByte, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
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

    /** A whole binary message as a client sends it (FIN, masked with {@link #DEFAULT_MASK}). */
    public static byte[] binary(byte[] payload) {
        return clientFrame(FIN_BINARY, payload, DEFAULT_MASK);
    }

    /** A close payload: BE16 status, then the reason bytes (§5.5.1). */
    public static byte[] closePayload(int status, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (status >> 8);
        payload[1] = (byte) status;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    /** Parses one frame from {@code bytes} between {@code offset} and {@code limit}; null when incomplete. */
    public static Frame parse(byte[] bytes, int offset, int limit) {
        if (limit - offset < 2) {
            return null;
        }
        int b0 = bytes[offset] & 0xFF;
        int b1 = bytes[offset + 1] & 0xFF;
        int pos = offset + 2;
        long length = b1 & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (limit - pos < extended) {
            return null;
        }
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | (bytes[pos + i] & 0xFF);
            }
            pos += extended;
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            if (limit - pos < 4) {
                return null;
            }
            mask = Arrays.copyOfRange(bytes, pos, pos + 4);
            pos += 4;
        }
        if (limit - pos < length) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(bytes, pos, pos + (int) length);
        unmask(payload, mask);
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, mask != null, payload,
                pos + (int) length - offset);
    }

    /** Reads the frame whose first byte {@code first} was already read from {@code in}. */
    public static Frame read(int first, DataInputStream in) throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        int header = 2;
        if (length == 126) {
            length = in.readUnsignedShort();
            header += 2;
        } else if (length == 127) {
            length = in.readLong();
            header += 8;
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
            header += 4;
        }
        byte[] payload = in.readNBytes((int) length);
        unmask(payload, mask);
        return new Frame((first & 0x80) != 0, (first >> 4) & 7, first & 0x0F, mask != null, payload,
                header + payload.length);
    }

    private static void unmask(byte[] payload, byte[] mask) {
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
    }
}
