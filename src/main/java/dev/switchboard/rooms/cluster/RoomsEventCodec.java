package dev.switchboard.rooms.cluster;

import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;

/**
 * The bytes of a {@link RoomsEvent} on the {@code rooms} channel: a version byte ({@value #VERSION}), a type byte,
 * then the fields, big-endian, byte strings and node ids with an {@code int} length first. Decoding reads no
 * field longer than {@link #MAX_FIELD} bytes and nothing past the end, and refuses trailing bytes, an unknown
 * version or type: a node that reads another version's events drops them rather than guessing.
 */
public final class RoomsEventCodec {

    /** The format written by this version. */
    public static final int VERSION = 1;
    /** Longest nick, room name, text or line carried: the rooms limits are far below it. */
    static final int MAX_FIELD = 64 * 1024;
    /** Longest node id: the setting allows 128 ASCII characters. */
    static final int MAX_NODE = 256;

    private static final int CLAIM_NICK = 1;
    private static final int JOIN = 2;
    private static final int SAY = 3;
    private static final int LEAVE = 4;
    private static final int KICK = 5;
    private static final int NOTICE = 6;
    private static final int NODE_GONE = 7;

    private RoomsEventCodec() {
    }

    public static byte[] encode(RoomsEvent event) {
        BoundedWriter out = new BoundedWriter(64).u8(VERSION);
        if (event instanceof ClaimNick e) {
            key(out.u8(CLAIM_NICK), e.key()).i32(e.uid()).bytes(e.nick()).i32(e.flags());
        } else if (event instanceof Join e) {
            key(out.u8(JOIN), e.key()).i32(e.uid()).bytes(e.room());
        } else if (event instanceof Say e) {
            key(out.u8(SAY), e.key()).bytes(e.text());
        } else if (event instanceof Leave e) {
            key(out.u8(LEAVE), e.key());
        } else if (event instanceof Kick e) {
            out.u8(KICK).bytes(e.room()).i32(e.memberId());
        } else if (event instanceof Notice e) {
            out.u8(NOTICE).bytes(e.room()).bytes(e.line());
        } else if (event instanceof NodeGone e) {
            out.u8(NODE_GONE).text(e.node()).i64(e.keepIncarnation());
        } else {
            throw new IllegalArgumentException("not a rooms event: " + event);
        }
        return out.toByteArray();
    }

    /** The event in {@code bytes}; {@link RoomsCodecException} when they are not one this version writes. */
    public static RoomsEvent decode(byte[] bytes) {
        BoundedReader in = new BoundedReader(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new RoomsCodecException("rooms event version " + version + ", expected " + VERSION);
        }
        int type = in.u8();
        RoomsEvent event = switch (type) {
            case CLAIM_NICK -> new ClaimNick(key(in), in.i32(), in.bytes(MAX_FIELD), in.i32());
            case JOIN -> new Join(key(in), in.i32(), in.bytes(MAX_FIELD));
            case SAY -> new Say(key(in), in.bytes(MAX_FIELD));
            case LEAVE -> new Leave(key(in));
            case KICK -> new Kick(in.bytes(MAX_FIELD), in.i32());
            case NOTICE -> new Notice(in.bytes(MAX_FIELD), in.bytes(MAX_FIELD));
            case NODE_GONE -> new NodeGone(in.text(MAX_NODE), in.i64());
            default -> throw new RoomsCodecException("unknown rooms event type " + type);
        };
        in.end();
        return event;
    }

    static BoundedWriter key(BoundedWriter out, SessionKey key) {
        return out.text(key.node()).i64(key.incarnation()).i64(key.sequence());
    }

    static SessionKey key(BoundedReader in) {
        return new SessionKey(in.text(MAX_NODE), in.i64(), in.i64());
    }
}
