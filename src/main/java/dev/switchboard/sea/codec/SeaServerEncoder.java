package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SeaServerMessage.AddUser;
import dev.switchboard.sea.message.SeaServerMessage.AltServer;
import dev.switchboard.sea.message.SeaServerMessage.Away;
import dev.switchboard.sea.message.SeaServerMessage.Chat;
import dev.switchboard.sea.message.SeaServerMessage.ChatCancel;
import dev.switchboard.sea.message.SeaServerMessage.DeleteUser;
import dev.switchboard.sea.message.SeaServerMessage.Link;
import dev.switchboard.sea.message.SeaServerMessage.Mute;
import dev.switchboard.sea.message.SeaServerMessage.Pong;
import dev.switchboard.sea.message.SeaServerMessage.Rename;
import dev.switchboard.sea.message.SeaServerMessage.Unaway;
import dev.switchboard.sea.message.SeaServerMessage.UserEntry;
import dev.switchboard.sea.message.SeaServerMessage.UserInfo;
import dev.switchboard.sea.message.SeaServerMessage.UserList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes server→client messages byte-exactly as in §6 and §9.
 *
 * <p>For a broadcast call {@link #prepare} once and hand each recipient
 * {@link SeaEncoding#forRecipient}: the bytes are built once per recipient class and shared by
 * reference counting (§9.5).
 */
public final class SeaServerEncoder {

    private SeaServerEncoder() {
    }

    /** Prepares {@code message} for any number of recipients; the caller closes the result. */
    public static SeaEncoding prepare(ByteBufAllocator alloc, SeaServerMessage message) {
        if (message instanceof SeaServerMessage.Message m) {
            return new MessageEncoding(alloc, m);
        }
        return new SingleEncoding(message, encodeFixed(alloc, message));
    }

    /** Encodes {@code message} for one recipient; the caller owns the returned buffer. */
    public static ByteBuf encode(ByteBufAllocator alloc, SeaServerMessage message, byte recipientVersion) {
        try (SeaEncoding encoding = prepare(alloc, message)) {
            return encoding.forRecipient(recipientVersion);
        }
    }

    /** Every message except MESSAGE has one layout for all versions that may receive it. */
    static ByteBuf encodeFixed(ByteBufAllocator alloc, SeaServerMessage message) {
        if (message instanceof UserList m) {
            return userList(alloc, m);
        }
        if (message instanceof AddUser m) {
            ByteBuf out = alloc.buffer(5 + m.username().length() + m.compname().length());
            out.writeByte(m.code()).writeShort(m.id());
            str8(out, m.username());
            return str8(out, m.compname());
        }
        if (message instanceof DeleteUser m) {
            return idOnly(alloc, m.code(), m.id());
        }
        if (message instanceof Pong m) {
            return alloc.buffer(1).writeByte(m.code());
        }
        if (message instanceof UserInfo m) {
            ByteBuf out = alloc.buffer(10 + m.info().length() + m.ipText().length());
            SeaBytesWriter.write(out.writeByte(m.code()).writeByte(m.faculty()), m.room());
            str8(out, m.info());
            out.writeByte(m.version());
            return str8(out, m.ipText());
        }
        if (message instanceof Chat m) {
            return idPayload(alloc, m.code(), m.senderId(), m.payload());
        }
        if (message instanceof ChatCancel m) {
            return idPayload(alloc, m.code(), m.senderId(), m.payload());
        }
        if (message instanceof Link m) {
            return str8(alloc.buffer(2 + m.url().length()).writeByte(m.code()), m.url());
        }
        if (message instanceof Mute m) {
            return idOnly(alloc, m.code(), m.senderId());
        }
        if (message instanceof Away m) {
            return idOnly(alloc, m.code(), m.id());
        }
        if (message instanceof Unaway m) {
            return idOnly(alloc, m.code(), m.id());
        }
        if (message instanceof AltServer m) {
            return SeaBytesWriter.write(alloc.buffer(5).writeByte(m.code()), m.address());
        }
        if (message instanceof Rename m) {
            ByteBuf out = alloc.buffer(4 + m.username().length()).writeByte(m.code()).writeShort(m.id());
            return str8(out, m.username());
        }
        throw new IllegalArgumentException("no fixed layout for " + message.getClass().getSimpleName());
    }

    /** §6.1: self first is the caller's job; the two trailing zero bytes are always written (F5). */
    private static ByteBuf userList(ByteBufAllocator alloc, UserList m) {
        int size = 1 + 2 + 1 + m.ipText().length() + 2 + 2;
        for (UserEntry e : m.users()) {
            size += 4 + e.username().length() + e.compname().length();
        }
        ByteBuf out = alloc.buffer(size);
        out.writeByte(m.code()).writeShort(m.selfId());
        str8(out, m.ipText());
        out.writeShort(m.users().size());
        for (UserEntry e : m.users()) {
            out.writeShort(e.id());
            str8(out, e.username());
            str8(out, e.compname());
        }
        return out.writeShort(0);
    }

    private static ByteBuf idOnly(ByteBufAllocator alloc, int code, int id) {
        return alloc.buffer(3).writeByte(code).writeShort(id);
    }

    private static ByteBuf idPayload(ByteBufAllocator alloc, int code, int id, SeaBytes payload) {
        return SeaBytesWriter.write(alloc.buffer(3 + payload.length()).writeByte(code).writeShort(id), payload);
    }

    private static ByteBuf str8(ByteBuf out, SeaBytes value) {
        return SeaBytesWriter.str8(out, value);
    }
}
