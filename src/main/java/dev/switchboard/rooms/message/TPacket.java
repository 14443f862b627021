package dev.switchboard.rooms.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One tPacket (spec §5): the 24-byte header's {@code uid}, {@code cmd}, {@code p1}, {@code p2} and the data blob.
 * The signature and {@code size} fields are not stored: the codec writes and checks them.
 */
public record TPacket(int uid, int cmd, int p1, int p2, byte[] blob) implements RoomsInbound {

    /** The {@code uid} of packets the server originates (spec §5). */
    public static final int SERVER_UID = -1;
    /** The only {@code p1} value a {@code _RESP_ERROR} carries (spec §6). */
    public static final int ERROR_P1 = -1;

    private static final byte[] NO_BLOB = new byte[0];

    /** {@code _NEW_USER} p2 bit: the member is a SEA user the bridge shows in the room. */
    public static final int MEMBER_FROM_SEA = 1;

    public TPacket {
        // Defensive copy: records are shared across event loops and must stay immutable.
        blob = blob == null || blob.length == 0 ? NO_BLOB : blob.clone();
    }

    public static TPacket of(int uid, Command command, int p1, byte[] blob) {
        return new TPacket(uid, command.code(), p1, 0, blob);
    }

    public static TPacket respOk(int requestUid) {
        return of(requestUid, Command.RESP_OK, 0, NO_BLOB);
    }

    public static TPacket respError(int requestUid) {
        return of(requestUid, Command.RESP_ERROR, ERROR_P1, NO_BLOB);
    }

    public static TPacket newUser(int memberId, byte[] nick) {
        return newUser(memberId, nick, 0);
    }

    /**
     * {@code _NEW_USER} with member flags in {@code p2} (a gateway extension: the original protocol always sends 0
     * there and the original client ignores it); {@link #MEMBER_FROM_SEA} marks a SEA user shown by the bridge.
     */
    public static TPacket newUser(int memberId, byte[] nick, int flags) {
        return new TPacket(SERVER_UID, Command.NEW_USER.code(), memberId, flags, nick);
    }

    public static TPacket delUser(int memberId, byte[] nick) {
        return of(SERVER_UID, Command.DEL_USER, memberId, nick);
    }

    public static TPacket newMsg(int senderId, byte[] text) {
        return of(SERVER_UID, Command.NEW_MSG, senderId, text);
    }

    public static TPacket loggedMsg(byte[] line) {
        return of(SERVER_UID, Command.LOGGED_MSG, 0, line);
    }

    /** A copy of the data blob. */
    @Override
    public byte[] blob() {
        return blob.clone();
    }

    public int blobLength() {
        return blob.length;
    }

    /** A read-only view of the blob, so an encoder can write it without an intermediate copy. */
    public ByteBuffer blobView() {
        return ByteBuffer.wrap(blob).asReadOnlyBuffer();
    }

    /** True when the blob holds exactly these bytes. */
    public boolean blobEquals(byte[] other) {
        return Arrays.equals(blob, other);
    }

    /** The known command for {@link #cmd()}, if any. */
    public java.util.Optional<Command> command() {
        return Command.of(cmd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TPacket p && uid == p.uid && cmd == p.cmd && p1 == p.p1 && p2 == p.p2
                && Arrays.equals(blob, p.blob);
    }

    @Override
    public int hashCode() {
        return ((uid * 31 + cmd) * 31 + p1) * 31 + p2 + Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        String name = command().map(Enum::name).orElse(Integer.toString(cmd));
        // Blobs are user text; show at most 32 bytes so logs stay bounded.
        int shown = Math.min(blob.length, 32);
        return "TPacket[uid=" + uid + ", cmd=" + name + ", p1=" + p1 + ", p2=" + p2 + ", blob(" + blob.length + ")="
                + new String(blob, 0, shown, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?")
                + (shown < blob.length ? "…" : "") + " hex=" + HexFormat.of().formatHex(blob, 0, shown) + "]";
    }
}
