package dev.switchboard.sea.cluster;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.service.SeaRosterEvent;
import dev.switchboard.sea.service.SeaRosterState;
import dev.switchboard.sea.service.SeaSessionKey;
import dev.switchboard.sea.service.UserIdAllocator;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of the SEA roster log's events and snapshots: a format byte, then fixed-width big-endian fields and
 * length-prefixed byte strings. Decoding is bounded: every length is checked against what is left before anything
 * is allocated, counts against the ID space, and every value goes through the same validation as a client's
 * command, so a damaged or foreign entry is refused with {@link IllegalArgumentException} and never allocates more
 * than its own size. A future format gets a new format byte; a node refuses one it does not know.
 */
public final class SeaRosterCodec {

    /** The format of events and snapshots written by this version. */
    static final byte FORMAT = 1;
    /** Marks a snapshot, so one is never taken for an event. */
    private static final byte SNAPSHOT = (byte) 0x53;
    private static final int MAX_NODE_BYTES = 128;
    private static final int MAX_TEXT_BYTES = 4096;
    private static final int MAX_TEXT_CHARS = 1000;
    /** What {@code switchboard.cluster.node-id} allows (empty for a single node). */
    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{0,128}");

    private static final byte RESERVE = 1;
    private static final byte LOGIN = 2;
    private static final byte LEAVE = 3;
    private static final byte KILL = 4;
    private static final byte MESSAGE = 5;
    private static final byte CHAT = 6;
    private static final byte MUTE = 7;
    private static final byte AWAY = 8;
    private static final byte USER_INFO = 9;
    private static final byte RENAME = 10;
    private static final byte PRINTER = 11;
    private static final byte ALT_SERVER = 12;
    private static final byte NODE_GONE = 13;

    private SeaRosterCodec() {
    }

    // ------------------------------------------------------------------ events

    /** The bytes of one event. */
    public static byte[] encode(SeaRosterEvent event) {
        Writer out = new Writer();
        out.u8(FORMAT);
        if (event instanceof SeaRosterEvent.Message e) {
            out.u8(MESSAGE).key(e.key()).u16(e.message().destination()).u8(e.message().flags())
                    .bytes(e.message().text()).bytes(e.message().extension()).i64(e.atMillis());
        } else if (event instanceof SeaRosterEvent.Reserve e) {
            out.u8(RESERVE).key(e.key()).bytes(e.address()).u16(e.port()).i64(e.acceptedAtMillis());
        } else if (event instanceof SeaRosterEvent.Login e) {
            out.u8(LOGIN).key(e.key()).bytes(e.username()).bytes(e.compname()).i64(e.atMillis());
        } else if (event instanceof SeaRosterEvent.Leave e) {
            out.u8(LEAVE).key(e.key());
        } else if (event instanceof SeaRosterEvent.Kill e) {
            out.u8(KILL).key(e.key()).text(e.reasonTag()).text(e.detail() == null ? "" : e.detail());
        } else if (event instanceof SeaRosterEvent.ChatRelay e) {
            out.u8(CHAT).key(e.key()).u16(e.target()).bool(e.cancel()).bytes(e.payload());
        } else if (event instanceof SeaRosterEvent.Mute e) {
            out.u8(MUTE).key(e.key()).u16(e.target());
        } else if (event instanceof SeaRosterEvent.Away e) {
            out.u8(AWAY).key(e.key()).bool(e.away());
        } else if (event instanceof SeaRosterEvent.UserInfo e) {
            SetUserInfo info = e.info();
            out.u8(USER_INFO).key(e.key()).u8(info.faculty()).bytes(info.room()).bytes(info.info()).u8(info.version());
        } else if (event instanceof SeaRosterEvent.Rename e) {
            out.u8(RENAME).key(e.key()).bytes(e.username());
        } else if (event instanceof SeaRosterEvent.Printer e) {
            out.u8(PRINTER).key(e.key()).bool(e.member());
        } else if (event instanceof SeaRosterEvent.AltServer e) {
            out.u8(ALT_SERVER).bytes(e.address());
        } else if (event instanceof SeaRosterEvent.NodeGone e) {
            out.u8(NODE_GONE).bytes(e.node().getBytes(StandardCharsets.ISO_8859_1)).i64(e.incarnation());
        } else {
            throw new IllegalArgumentException("unknown SEA roster event " + event);
        }
        return out.toByteArray();
    }

    /**
     * One event from its bytes.
     *
     * @throws IllegalArgumentException when the bytes are not an event of a known format
     */
    public static SeaRosterEvent decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        try {
            int format = in.u8();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown SEA roster event format " + format);
            }
            int type = in.u8();
            SeaRosterEvent event = switch (type) {
                case MESSAGE -> {
                    SeaSessionKey key = in.key();
                    int destination = in.u16();
                    int flags = in.u8();
                    SeaBytes text = in.seaBytes(0xFFFF);
                    SeaBytes extension = in.seaBytes(Integer.MAX_VALUE);
                    yield new SeaRosterEvent.Message(key, new SendMessage(destination, flags, text, extension),
                            in.i64());
                }
                case RESERVE -> {
                    SeaSessionKey key = in.key();
                    byte[] address = in.bytes(16);
                    if (address.length != 4 && address.length != 16) {
                        throw new IllegalArgumentException("address of " + address.length + " bytes");
                    }
                    yield new SeaRosterEvent.Reserve(key, address, in.u16(), in.i64());
                }
                case LOGIN -> new SeaRosterEvent.Login(in.key(), in.seaBytes(0xFF), in.seaBytes(0xFF), in.i64());
                case LEAVE -> new SeaRosterEvent.Leave(in.key());
                case KILL -> new SeaRosterEvent.Kill(in.key(), in.text(), in.text());
                case CHAT -> new SeaRosterEvent.ChatRelay(in.key(), in.wireId(), in.bool(), in.seaBytes(Integer.MAX_VALUE));
                case MUTE -> new SeaRosterEvent.Mute(in.key(), in.wireId());
                case AWAY -> new SeaRosterEvent.Away(in.key(), in.bool());
                case USER_INFO -> {
                    SeaSessionKey key = in.key();
                    int faculty = in.u8();
                    SeaBytes room = in.seaBytes(5);
                    SeaBytes info = in.seaBytes(0xFF);
                    yield new SeaRosterEvent.UserInfo(key, new SetUserInfo(faculty, room, info, (byte) in.u8()));
                }
                case RENAME -> new SeaRosterEvent.Rename(in.key(), in.seaBytes(0xFF));
                case PRINTER -> new SeaRosterEvent.Printer(in.key(), in.bool());
                case ALT_SERVER -> {
                    SeaBytes address = in.seaBytes(4);
                    if (address.length() != 4) {
                        throw new IllegalArgumentException("ALT_SERVER address of " + address.length() + " bytes");
                    }
                    yield new SeaRosterEvent.AltServer(address);
                }
                case NODE_GONE -> new SeaRosterEvent.NodeGone(in.node(), in.i64());
                default -> throw new IllegalArgumentException("unknown SEA roster event type " + type);
            };
            in.end();
            return event;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("SEA roster event truncated", e);
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** The bytes of a snapshot. */
    public static byte[] encode(SeaRosterState state) {
        Writer out = new Writer();
        out.u8(SNAPSHOT).u8(FORMAT).u16(state.cursor()).u16(state.liveIds().length);
        for (int id : state.liveIds()) {
            out.u16(id);
        }
        out.u16(state.sessions().size());
        for (SeaRosterState.Session s : state.sessions()) {
            out.key(s.key()).u16(s.id()).bool(s.loggedIn()).bytes(s.address()).u16(s.port())
                    .i64(s.acceptedAtMillis()).i64(s.loggedInAtMillis()).bytes(s.username()).bytes(s.compname())
                    .u8(s.faculty()).bytes(s.room()).bytes(s.info()).u8(s.version()).bool(s.printer()).bool(s.away());
        }
        return out.toByteArray();
    }

    /**
     * A snapshot from its bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot of a known format
     */
    public static SeaRosterState decodeState(byte[] bytes) {
        Reader in = new Reader(bytes);
        try {
            if (in.u8() != (SNAPSHOT & 0xFF)) {
                throw new IllegalArgumentException("not a SEA roster snapshot");
            }
            int format = in.u8();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown SEA roster snapshot format " + format);
            }
            int cursor = in.u16();
            int live = in.count(UserIdAllocator.CAPACITY, 2);
            int[] ids = new int[live];
            for (int i = 0; i < live; i++) {
                ids[i] = in.assignableId();
            }
            int count = in.count(UserIdAllocator.CAPACITY, 30);
            List<SeaRosterState.Session> sessions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                SeaSessionKey key = in.key();
                int id = in.assignableId();
                boolean loggedIn = in.bool();
                byte[] address = in.bytes(16);
                if (address.length != 4 && address.length != 16) {
                    throw new IllegalArgumentException("address of " + address.length + " bytes");
                }
                int port = in.u16();
                long acceptedAt = in.i64();
                long loggedInAt = in.i64();
                SeaBytes username = in.seaBytes(0xFF);
                SeaBytes compname = in.seaBytes(0xFF);
                int faculty = in.u8();
                SeaBytes room = in.seaBytes(5);
                if (room.length() != 5) {
                    throw new IllegalArgumentException("room of " + room.length() + " bytes");
                }
                sessions.add(new SeaRosterState.Session(key, id, loggedIn, address, port, acceptedAt, loggedInAt,
                        username, compname, faculty, room, in.seaBytes(0xFF), (byte) in.u8(), in.bool(), in.bool()));
            }
            in.end();
            return new SeaRosterState(sessions, ids, cursor);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("SEA roster snapshot truncated", e);
        }
    }

    // ------------------------------------------------------------------ primitives

    private static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer u8(int value) {
            return run(() -> out.writeByte(value));
        }

        Writer u16(int value) {
            return run(() -> out.writeShort(value));
        }

        Writer i64(long value) {
            return run(() -> out.writeLong(value));
        }

        Writer bool(boolean value) {
            return u8(value ? 1 : 0);
        }

        Writer bytes(byte[] value) {
            return run(() -> {
                out.writeInt(value.length);
                out.write(value);
            });
        }

        Writer bytes(SeaBytes value) {
            return bytes(value.toByteArray());
        }

        /** At most {@value #MAX_TEXT_CHARS} chars, so the UTF-8 stays within {@value #MAX_TEXT_BYTES} bytes. */
        Writer text(String value) {
            String cut = value.length() > MAX_TEXT_CHARS ? value.substring(0, MAX_TEXT_CHARS) : value;
            return bytes(cut.getBytes(StandardCharsets.UTF_8));
        }

        Writer key(SeaSessionKey key) {
            return bytes(key.node().getBytes(StandardCharsets.ISO_8859_1)).i64(key.incarnation()).i64(key.sequence());
        }

        private Writer run(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        int u8() {
            return buffer.get() & 0xFF;
        }

        int u16() {
            return buffer.getShort() & 0xFFFF;
        }

        long i64() {
            return buffer.getLong();
        }

        boolean bool() {
            int value = u8();
            if (value > 1) {
                throw new IllegalArgumentException("boolean of value " + value);
            }
            return value == 1;
        }

        /** A length-prefixed byte string of at most {@code max} bytes and at most what is left. */
        byte[] bytes(int max) {
            int length = buffer.getInt();
            if (length < 0 || length > max || length > buffer.remaining()) {
                throw new IllegalArgumentException("byte string of " + Integer.toUnsignedString(length)
                        + " bytes (at most " + Math.min(max, buffer.remaining()) + ")");
            }
            byte[] out = new byte[length];
            buffer.get(out);
            return out;
        }

        SeaBytes seaBytes(int max) {
            return SeaBytes.adopt(bytes(max));
        }

        String text() {
            byte[] utf8 = bytes(MAX_TEXT_BYTES);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(utf8)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("text is not UTF-8", e);
            }
        }

        String node() {
            String node = new String(bytes(MAX_NODE_BYTES), StandardCharsets.ISO_8859_1);
            if (!NODE_ID.matcher(node).matches()) {
                throw new IllegalArgumentException("node id is not letters, digits, '.', '_' and '-'");
            }
            return node;
        }

        SeaSessionKey key() {
            return new SeaSessionKey(node(), i64(), i64());
        }

        int wireId() {
            return u16();
        }

        int assignableId() {
            int id = u16();
            if (!UserIdAllocator.isAssignable(id)) {
                throw new IllegalArgumentException("SEA ID " + id + " is never assigned");
            }
            return id;
        }

        /** A count of at most {@code max} items of at least {@code minItemBytes} each, so it fits what is left. */
        int count(int max, int minItemBytes) {
            int count = u16();
            if (count > max || (long) count * minItemBytes > buffer.remaining()) {
                throw new IllegalArgumentException("count " + count + " does not fit");
            }
            return count;
        }

        void end() {
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " trailing byte(s)");
            }
        }
    }
}
