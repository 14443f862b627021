package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Chat;
import dev.switchboard.sea.message.ChatCancel;
import dev.switchboard.sea.message.LinkRequest;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.Mute;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.PrintersJoin;
import dev.switchboard.sea.message.PrintersLeave;
import dev.switchboard.sea.message.Rename;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.message.Unaway;
import dev.switchboard.sea.message.UnknownCommand;
import dev.switchboard.sea.message.UserInfoRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Turns one frame into a {@link SeaRequest}, applying the layout rules of §5 (one method per
 * command). Pure: it reads the body without consuming or releasing it and copies what it keeps.
 *
 * <p>The outcome depends on two pieces of session context: the sender's current version (big
 * messages, §2.4) and the server's strict flag (trailing bytes, §5.1).
 */
public final class SeaCommandParser {

    private SeaCommandParser() {
    }

    /**
     * @param length  the frame's {@code L}
     * @param code    the command byte
     * @param body    exactly {@code L − 1} readable bytes; not modified
     * @param version the sender's current (signed) version byte, 0 before any #4
     * @param strict  whether trailing bytes are a format error
     */
    public static SeaRequest parse(int length, int code, ByteBuf body, byte version, boolean strict) {
        if (strict && !SeaVersions.bigMessages(version) && length > SeaCodes.STRICT_LEGACY_MAX_LENGTH) {
            return malformed(length, code, "frame of L=" + length + " from a version " + (version & 0xFF)
                    + " session in strict mode (§2.4)");
        }
        Body b = new Body(length, code, body, strict);
        return switch (code) {
            case SeaCodes.LOGIN -> login(b);
            case SeaCodes.SEND_MESSAGE -> sendMessage(b, version);
            case SeaCodes.PING -> b.empty(new Ping());
            case SeaCodes.SET_USERINFO -> setUserInfo(b);
            case SeaCodes.USERINFO_REQUEST -> b.target() ? b.exact(3, new UserInfoRequest(b.u16(0))) : b.tooShort();
            case SeaCodes.CHAT -> b.target() ? b.opaque(new Chat(b.u16(0), b.bytes(2, length - 3))) : b.tooShort();
            case SeaCodes.CHAT_CANCEL ->
                    b.target() ? b.opaque(new ChatCancel(b.u16(0), b.bytes(2, length - 3))) : b.tooShort();
            case SeaCodes.LINK_REQUEST -> b.empty(new LinkRequest());
            case SeaCodes.MUTE -> b.target() ? b.exact(3, new Mute(b.u16(0))) : b.tooShort();
            case SeaCodes.AWAY -> b.empty(new Away());
            case SeaCodes.UNAWAY -> b.empty(new Unaway());
            case SeaCodes.RENAME -> rename(b);
            case SeaCodes.PRINTERS_JOIN -> b.empty(new PrintersJoin());
            case SeaCodes.PRINTERS_LEAVE -> b.empty(new PrintersLeave());
            default -> SeaRequest.exact(length, new UnknownCommand(code));
        };
    }

    /** §5.2: validation steps 1–4 in the spec's order. */
    private static SeaRequest login(Body b) {
        int l = b.length;
        if (l < 5) {
            return b.tooShort();
        }
        int ulen = b.u8(0);
        if (ulen == 0 || ulen > l - 4) {
            return b.malformed("bad user-name length " + ulen);
        }
        int clen = b.u8(1 + ulen);
        if (clen == 0 || ulen + clen + 3 > l) {
            return b.malformed("bad computer-name length " + clen);
        }
        return b.exact(ulen + clen + 3, new Login(b.bytes(1, ulen), b.bytes(2 + ulen, clen)));
    }

    /** §5.3 validation, including the version-102 big-message rule of §2.4. */
    private static SeaRequest sendMessage(Body b, byte version) {
        int l = b.length;
        if (l < 7) {
            return b.tooShort();
        }
        int msglen = b.u16(4);
        int exact = msglen + 7;
        if (l < exact) {
            return b.malformed("msglen " + msglen + " runs past the frame");
        }
        int destination = b.u16(0);
        int flags = b.u8(2);
        SeaBytes text = b.bytes(6, msglen);
        if (!SeaVersions.bigMessages(version) || l == exact) {
            return b.exact(exact, new SendMessage(destination, flags, text, SeaBytes.EMPTY));
        }
        if (l < SeaCodes.BIG_MESSAGE_MIN_LENGTH) {
            return b.malformed("bytes beyond msglen in a frame of L=" + l + " < 65542 (§2.4)");
        }
        return SeaRequest.exact(l, new SendMessage(destination, flags, text, b.bytes(exact - 1, l - exact)));
    }

    private static SeaRequest setUserInfo(Body b) {
        if (b.length < 9) {
            return b.tooShort();
        }
        int infolen = b.u8(6);
        if (infolen + 9 > b.length) {
            return b.malformed("infolen " + infolen + " runs past the frame");
        }
        return b.exact(9 + infolen, new SetUserInfo(b.u8(0), b.bytes(1, 5), b.bytes(7, infolen),
                b.body.getByte(b.body.readerIndex() + 7 + infolen)));
    }

    /** §5.11: an empty name is a format error in every mode (the reference aborts, §18 item 1). */
    private static SeaRequest rename(Body b) {
        if (b.length < 3) {
            return b.tooShort();
        }
        int nlen = b.u8(0);
        if (nlen + 2 > b.length) {
            return b.malformed("nlen " + nlen + " runs past the frame");
        }
        if (nlen == 0) {
            return b.malformed("empty new name");
        }
        return b.exact(2 + nlen, new Rename(b.bytes(1, nlen)));
    }

    private static SeaRequest malformed(int length, int code, String reason) {
        return SeaRequest.exact(length, new Malformed(code, reason));
    }

    /** Offsets are relative to the body, i.e. {@code body[0]} of the spec. */
    private record Body(int length, int code, ByteBuf body, boolean strict) {

        int u8(int offset) {
            return body.getUnsignedByte(body.readerIndex() + offset);
        }

        int u16(int offset) {
            return body.getUnsignedShort(body.readerIndex() + offset);
        }

        /** The array is new and referenced nowhere else, so the value may take it without a copy. */
        SeaBytes bytes(int offset, int count) {
            return SeaBytes.adopt(ByteBufUtil.getBytes(body, body.readerIndex() + offset, count));
        }

        boolean target() {
            return length >= 3;
        }

        SeaRequest tooShort() {
            return malformed("L=" + length + " is shorter than the minimum");
        }

        SeaRequest malformed(String reason) {
            return SeaCommandParser.malformed(length, code, reason);
        }

        /** Commands whose exact {@code L} is 1 (§5.0). */
        SeaRequest empty(SeaCommand command) {
            return exact(1, command);
        }

        /** Commands without an exact length never have trailing bytes (§5.1). */
        SeaRequest opaque(SeaCommand command) {
            return SeaRequest.exact(length, command);
        }

        /** Applies the trailing-bytes rule of §5.1 against the length the fields imply. */
        SeaRequest exact(int exactLength, SeaCommand command) {
            int trailing = length - exactLength;
            if (trailing > 0 && strict) {
                return malformed(trailing + " trailing byte(s) in strict mode");
            }
            return new SeaRequest(length, command, trailing);
        }
    }
}
