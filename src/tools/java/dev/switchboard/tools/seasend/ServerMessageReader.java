package dev.switchboard.tools.seasend;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server→client messages from a stream (spec §2.3, §6). They carry no length prefix, so each is
 * parsed field by field; the MESSAGE layout depends on the version this client announced (§7, §9.3).
 * Text is decoded with the chosen charset for display only, with control characters shown as {@code \xNN}.
 */
final class ServerMessageReader {

    /** At most this many characters of a message's text are rendered. */
    static final int MAX_SHOWN_CHARS = 200;

    private final DataInputStream in;
    private final Charset charset;
    private final int version;

    ServerMessageReader(InputStream in, Charset charset, int version) {
        this.in = new DataInputStream(in);
        this.charset = charset;
        this.version = version;
    }

    /**
     * Reads the next message.
     *
     * @return the message, or {@code null} at a clean end of stream between messages
     * @throws EOFException             if the stream ends inside a message
     * @throws IllegalStateException    on a command byte that is not in §6 (the stream cannot be resynchronised)
     */
    ServerMessage next() throws IOException {
        int command = in.read();
        if (command < 0) {
            return null;
        }
        return switch (command) {
            case 1 -> userList();
            case 2 -> new ServerMessage.AddUser(user());
            case 3 -> new ServerMessage.DeleteUser(in.readUnsignedShort());
            case 4 -> message();
            case 5 -> new ServerMessage.Pong();
            case 6 -> userInfo();
            case 7 -> new ServerMessage.Chat(in.readUnsignedShort(), str8());
            case 8 -> new ServerMessage.ChatCancel(in.readUnsignedShort());
            case 9 -> new ServerMessage.Link(str8());
            case 10 -> new ServerMessage.Mute(in.readUnsignedShort());
            case 11 -> new ServerMessage.Away(in.readUnsignedShort());
            case 12 -> new ServerMessage.Unaway(in.readUnsignedShort());
            case 13 -> new ServerMessage.AltServer(in.readUnsignedByte() + "." + in.readUnsignedByte() + "."
                    + in.readUnsignedByte() + "." + in.readUnsignedByte());
            case 14 -> new ServerMessage.Rename(in.readUnsignedShort(), str8());
            default -> throw new IllegalStateException("unknown server command 0x%02x; cannot parse further"
                    .formatted(command));
        };
    }

    private ServerMessage userList() throws IOException {
        int self = in.readUnsignedShort();
        String ip = str8();
        int count = in.readUnsignedShort();
        List<ServerMessage.User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(user());
        }
        return new ServerMessage.UserList(self, ip, users, in.readUnsignedShort());
    }

    private ServerMessage.User user() throws IOException {
        return new ServerMessage.User(in.readUnsignedShort(), str8(), str8());
    }

    private ServerMessage message() throws IOException {
        int sender = in.readUnsignedShort();
        boolean isPrivate = in.readUnsignedByte() != 0;
        int a = in.readUnsignedByte();
        int length;
        boolean printers;
        if (version >= ClientFrames.BIG_MIN_VERSION) {
            // v102 readers: byte 4 = flags (bit 0 printers), bytes 5–7 = BE24 length (§9.2, §9.4).
            length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            printers = (a & 1) != 0;
        } else {
            in.readUnsignedByte();
            length = in.readUnsignedShort();
            printers = a == 1;
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("stream ended inside a MESSAGE of " + length + " bytes");
        }
        int terminator = in.readUnsignedByte();
        if (terminator != 0) {
            throw new IllegalStateException("MESSAGE not followed by its 00 terminator (got 0x%02x)"
                    .formatted(terminator));
        }
        int shown = 0;
        while (shown < payload.length && payload[shown] != 0) {
            shown++;
        }
        return new ServerMessage.Message(sender, isPrivate, printers, version >= ClientFrames.BIG_MIN_VERSION ? a : 0,
                length, quote(payload, shown));
    }

    private ServerMessage userInfo() throws IOException {
        int faculty = in.readUnsignedByte();
        byte[] room = in.readNBytes(5);
        if (room.length < 5) {
            throw new EOFException("stream ended inside USERINFO");
        }
        int roomEnd = 0;
        while (roomEnd < 5 && room[roomEnd] != 0) {
            roomEnd++;
        }
        String info = str8();
        int clientVersion = in.readUnsignedByte();
        return new ServerMessage.UserInfo(faculty, quote(room, roomEnd), info, clientVersion, str8());
    }

    private String str8() throws IOException {
        int n = in.readUnsignedByte();
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("stream ended inside a " + n + "-byte string");
        }
        return quote(bytes, n);
    }

    private String quote(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, charset);
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN_CHARS) + 8);
        for (int i = 0; i < text.length() && i < MAX_SHOWN_CHARS; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append("\\x%02x".formatted((int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_SHOWN_CHARS) {
            sb.append("…");
        }
        return sb.toString();
    }
}
