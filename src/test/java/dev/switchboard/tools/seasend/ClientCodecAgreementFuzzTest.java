package dev.switchboard.tools.seasend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaDecodeContext;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.support.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The server's SEA codec agrees with seasend's independent client codec in both directions: what
 * {@link ClientFrames} encodes, the server decodes to the same fields; what the server encodes for a
 * recipient version, {@link ServerMessageReader} reads back message by message, consuming exactly the
 * bytes written (server messages carry no length, so any disagreement desynchronises the stream).
 */
class ClientCodecAgreementFuzzTest {

    private static List<SeaRequest> serverDecode(byte[] wire, byte version, boolean strict) {
        TrackingAllocator alloc = new TrackingAllocator();
        SeaDecodeContext context = new SeaDecodeContext() {
            @Override
            public byte version() {
                return version;
            }

            @Override
            public boolean strict() {
                return strict;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH), new SeaCommandDecoder(context));
        ch.writeInbound(alloc.copyOf(wire));
        List<SeaRequest> out = new ArrayList<>();
        for (Object m = ch.readInbound(); m != null; m = ch.readInbound()) {
            out.add((SeaRequest) m);
        }
        assertThat(ch.finish()).isFalse();
        alloc.assertAllReleased();
        return out;
    }

    @Property
    void server_whenSeasendLoginUserInfoAndPing_thenSameFields(@ForAll("str8") byte[] user,
            @ForAll("str8") byte[] computer, @ForAll @IntRange(max = 255) int faculty,
            @ForAll("room") byte[] room, @ForAll("info") byte[] info, @ForAll @IntRange(max = 255) int version,
            @ForAll boolean strict) {
        byte[] wire = concat(ClientFrames.login(user, computer), ClientFrames.setUserInfo(faculty, room, info, version),
                ClientFrames.ping());

        List<SeaRequest> requests = serverDecode(wire, (byte) 0, strict);

        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.trailingBytes()).isZero());
        Login login = (Login) requests.get(0).command();
        assertThat(login.username()).isEqualTo(user);
        assertThat(login.compname()).isEqualTo(computer);
        SetUserInfo userInfo = (SetUserInfo) requests.get(1).command();
        assertThat(userInfo.faculty()).isEqualTo(faculty);
        assertThat(userInfo.room()).isEqualTo(Arrays.copyOf(room, 5));
        assertThat(userInfo.info()).isEqualTo(info);
        assertThat(userInfo.version() & 0xFF).isEqualTo(version);
        assertThat(requests.get(2).command()).isInstanceOf(Ping.class);
    }

    @Property
    void server_whenSeasendMessage_thenSamePayloadForTheSendersVersion(
            @ForAll @IntRange(max = 0xFFFF) int destination, @ForAll @IntRange(max = 255) int flags,
            @ForAll("messageText") byte[] text, @ForAll("extensionLength") int extension,
            @ForAll("bigVersion") int version, @ForAll boolean strict) {
        byte[] payload = Arrays.copyOf(text, text.length + extension);
        Arrays.fill(payload, text.length, payload.length, (byte) 'x');

        List<SeaRequest> requests = serverDecode(ClientFrames.sendMessage(destination, flags, text, payload, version),
                (byte) version, strict);

        assertThat(requests).hasSize(1);
        SendMessage message = (SendMessage) requests.get(0).command();
        assertThat(message.destination()).isEqualTo(destination);
        assertThat(message.flags()).isEqualTo(flags & 0xFE);
        assertThat(concat(message.text(), message.extension())).isEqualTo(payload);
        assertThat(message.big()).isEqualTo(payload.length > ClientFrames.MAX_MSGLEN);
    }

    @Property
    void seasendReader_whenServerEncodesForAVersion_thenSameMessagesAndNothingLeftOver(
            @ForAll("recipientVersions") byte version, @ForAll("serverMessages") List<SeaServerMessage> messages)
            throws IOException {
        List<SeaServerMessage> understood = messages.stream().filter(m -> SeaVersions.understands(version, m)).toList();
        TrackingAllocator alloc = new TrackingAllocator();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (SeaServerMessage m : understood) {
            ByteBuf buf = SeaServerEncoder.encode(alloc, m, version);
            wire.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        alloc.assertAllReleased();

        ServerMessageReader reader = new ServerMessageReader(new ByteArrayInputStream(wire.toByteArray()),
                StandardCharsets.ISO_8859_1, version);
        List<String> read = new ArrayList<>();
        for (ServerMessage m = reader.next(); m != null; m = reader.next()) {
            read.add(describe(m));
        }
        assertThat(read).isEqualTo(understood.stream().map(m -> describe(m, version)).toList());
    }

    private static String describe(ServerMessage m) {
        if (m instanceof ServerMessage.UserList u) {
            return "USERLIST " + u.selfId() + " " + u.ip() + " "
                    + u.users().stream().map(x -> x.id() + ":" + x.username() + ":" + x.compname()).toList()
                    + " " + u.bridgeUsers();
        }
        if (m instanceof ServerMessage.AddUser a) {
            return "ADDUSER " + a.user().id() + ":" + a.user().username() + ":" + a.user().compname();
        }
        if (m instanceof ServerMessage.Message msg) {
            return "MESSAGE " + msg.senderId() + " " + msg.isPrivate() + " " + msg.printers() + " " + msg.flags()
                    + " " + msg.length() + " " + msg.text();
        }
        if (m instanceof ServerMessage.UserInfo i) {
            return "USERINFO " + i.faculty() + " " + i.room() + " " + i.info() + " " + i.version() + " " + i.ip();
        }
        if (m instanceof ServerMessage.Chat c) {
            return "CHAT " + c.senderId() + " " + c.text();
        }
        // The remaining records print their fields in wire order already.
        return m.toString();
    }

    /** The server's message as the reader should render it for a recipient of {@code version}. */
    private static String describe(SeaServerMessage m, byte version) {
        if (m instanceof SeaServerMessage.UserList u) {
            return "USERLIST " + u.selfId() + " " + text(u.ipText()) + " "
                    + u.users().stream().map(x -> x.id() + ":" + text(x.username()) + ":" + text(x.compname())).toList()
                    + " 0";
        }
        if (m instanceof SeaServerMessage.AddUser a) {
            return "ADDUSER " + a.id() + ":" + text(a.username()) + ":" + text(a.compname());
        }
        if (m instanceof SeaServerMessage.Message msg) {
            boolean modern = SeaVersions.bigMessages(version);
            int flags = modern ? (msg.flags() & 0xFE) | (msg.printers() ? 1 : 0) : 0;
            int length = modern ? msg.total() : msg.text().length;
            // A v102 reader's payload is text and extension; the reader shows at most its first 200 characters.
            String shown = modern ? text(msg.text()) + text(msg.extension()) : text(msg.text());
            if (shown.length() > ServerMessageReader.MAX_SHOWN_CHARS) {
                shown = shown.substring(0, ServerMessageReader.MAX_SHOWN_CHARS) + "…";
            }
            return "MESSAGE " + msg.senderId() + " " + msg.privateMessage() + " " + msg.printers() + " " + flags
                    + " " + length + " " + shown;
        }
        if (m instanceof SeaServerMessage.UserInfo i) {
            int end = 0;
            byte[] room = i.room();
            while (end < 5 && room[end] != 0) {
                end++;
            }
            return "USERINFO " + i.faculty() + " " + text(Arrays.copyOf(room, end)) + " " + text(i.info()) + " "
                    + (i.version() & 0xFF) + " " + text(i.ipText());
        }
        if (m instanceof SeaServerMessage.Chat c) {
            return "CHAT " + c.senderId() + " " + text(Arrays.copyOfRange(c.payload(), 1, c.payload().length));
        }
        if (m instanceof SeaServerMessage.DeleteUser d) {
            return new ServerMessage.DeleteUser(d.id()).toString();
        }
        if (m instanceof SeaServerMessage.Pong) {
            return new ServerMessage.Pong().toString();
        }
        if (m instanceof SeaServerMessage.ChatCancel c) {
            return new ServerMessage.ChatCancel(c.senderId()).toString();
        }
        if (m instanceof SeaServerMessage.Link l) {
            return new ServerMessage.Link(text(l.url())).toString();
        }
        if (m instanceof SeaServerMessage.Mute mu) {
            return new ServerMessage.Mute(mu.senderId()).toString();
        }
        if (m instanceof SeaServerMessage.Away a) {
            return new ServerMessage.Away(a.id()).toString();
        }
        if (m instanceof SeaServerMessage.Unaway u) {
            return new ServerMessage.Unaway(u.id()).toString();
        }
        if (m instanceof SeaServerMessage.AltServer a) {
            byte[] ip = a.address();
            return new ServerMessage.AltServer((ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "."
                    + (ip[3] & 0xFF)).toString();
        }
        SeaServerMessage.Rename r = (SeaServerMessage.Rename) m;
        return new ServerMessage.Rename(r.id(), text(r.username())).toString();
    }

    private static String text(byte[] printable) {
        return new String(printable, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // --- generators ---

    /** Printable ASCII, so the reader's display quoting leaves it unchanged. */
    private static Arbitrary<byte[]> printable(int min, int max) {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(min).ofMaxLength(max)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<byte[]> str8() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(255);
    }

    @Provide
    Arbitrary<byte[]> room() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(5);
    }

    @Provide
    Arbitrary<byte[]> info() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(255);
    }

    @Provide
    Arbitrary<byte[]> messageText() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(400);
    }

    /** Mostly none; sometimes enough to need v102 big-message framing (§2.4). */
    @Provide
    Arbitrary<Integer> extensionLength() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(0, 300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(ClientFrames.MAX_MSGLEN, 70_000)));
    }

    @Provide
    Arbitrary<Integer> bigVersion() {
        return Arbitraries.of(ClientFrames.BIG_MIN_VERSION, 110, 127);
    }

    @Provide
    Arbitrary<Byte> recipientVersions() {
        return Arbitraries.of((byte) 0, (byte) 95, (byte) 96, (byte) 97, (byte) 101, (byte) 102, (byte) 127, (byte) -1);
    }

    @Provide
    Arbitrary<List<SeaServerMessage>> serverMessages() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 0xFFFE);
        Arbitrary<byte[]> name = printable(1, 40);
        Arbitrary<SeaServerMessage.UserEntry> entry = Combinators.combine(ids, name, name)
                .as(SeaServerMessage.UserEntry::new);
        Arbitrary<SeaServerMessage.Message> message = Combinators.combine(ids, Arbitraries.of(0, 1, 2),
                Arbitraries.integers().between(0, 255), printable(0, 150), printable(0, 200))
                .as((id, kind, flags, text, extension) -> new SeaServerMessage.Message(id, kind > 0, kind == 2, flags,
                        text, extension));
        Arbitrary<SeaServerMessage> one = Arbitraries.oneOf(
                Combinators.combine(ids, name, entry.list().ofMaxSize(4)).as(SeaServerMessage.UserList::new),
                Combinators.combine(ids, name, name).as(SeaServerMessage.AddUser::new),
                ids.map(SeaServerMessage.DeleteUser::new),
                message.map(m -> m),
                Arbitraries.just(new SeaServerMessage.Pong()),
                Combinators.combine(Arbitraries.integers().between(0, 255), printable(0, 5).map(r -> Arrays.copyOf(r, 5)),
                        printable(0, 60), Arbitraries.bytes(), name).as(SeaServerMessage.UserInfo::new),
                Combinators.combine(ids, printable(0, 100)).as((id, t) -> new SeaServerMessage.Chat(id,
                        concat(new byte[] {(byte) t.length}, t))),
                ids.map(id -> new SeaServerMessage.ChatCancel(id, new byte[0])),
                printable(0, 80).map(SeaServerMessage.Link::new),
                ids.map(SeaServerMessage.Mute::new),
                ids.map(SeaServerMessage.Away::new),
                ids.map(SeaServerMessage.Unaway::new),
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(SeaServerMessage.AltServer::new),
                Combinators.combine(ids, name).as(SeaServerMessage.Rename::new));
        return one.list().ofMaxSize(8);
    }
}
