package dev.switchboard.tools.codec.sea;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaDecodeContext;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.support.fuzz.TrackingAllocator;
import dev.switchboard.tools.codec.Octets;
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
 * The server's SEA codec agrees with the shared client codec in both directions: what
 * {@link SeaClientFrames} encodes, the server decodes to the same fields; what the server encodes for a
 * recipient version, {@link SeaServerReader} reads back message by message as the same records, consuming
 * exactly the bytes written (server messages carry no length, so any disagreement desynchronises the stream).
 */
class SeaClientCodecAgreementFuzzTest {

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
        byte[] wire = concat(SeaClientFrames.login(user, computer), SeaClientFrames.setUserInfo(faculty, room, info, version),
                SeaClientFrames.ping());

        List<SeaRequest> requests = serverDecode(wire, (byte) 0, strict);

        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.trailingBytes()).isZero());
        Login login = (Login) requests.get(0).command();
        assertThat(login.username().toByteArray()).isEqualTo(user);
        assertThat(login.compname().toByteArray()).isEqualTo(computer);
        SetUserInfo userInfo = (SetUserInfo) requests.get(1).command();
        assertThat(userInfo.faculty()).isEqualTo(faculty);
        assertThat(userInfo.room().toByteArray()).isEqualTo(Arrays.copyOf(room, 5));
        assertThat(userInfo.info().toByteArray()).isEqualTo(info);
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

        List<SeaRequest> requests = serverDecode(SeaClientFrames.sendMessage(destination, flags, text, payload, version),
                (byte) version, strict);

        assertThat(requests).hasSize(1);
        SendMessage message = (SendMessage) requests.get(0).command();
        assertThat(message.destination()).isEqualTo(destination);
        assertThat(message.flags()).isEqualTo(flags & 0xFE);
        assertThat(concat(message.text().toByteArray(), message.extension().toByteArray())).isEqualTo(payload);
        assertThat(message.big()).isEqualTo(payload.length > SeaClientFrames.MAX_MSGLEN);
    }

    @Property
    void clientReader_whenServerEncodesForAVersion_thenSameMessagesAndNothingLeftOver(
            @ForAll("recipientVersions") byte version,
            @ForAll("serverMessages") List<dev.switchboard.sea.message.SeaServerMessage> messages) throws IOException {
        List<dev.switchboard.sea.message.SeaServerMessage> understood = messages.stream()
                .filter(m -> SeaVersions.understands(version, m)).toList();
        TrackingAllocator alloc = new TrackingAllocator();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (dev.switchboard.sea.message.SeaServerMessage m : understood) {
            ByteBuf buf = SeaServerEncoder.encode(alloc, m, version);
            wire.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        alloc.assertAllReleased();

        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(wire.toByteArray()), version & 0xFF);
        List<SeaServerMessage> read = new ArrayList<>();
        for (SeaServerMessage m = reader.next(); m != null; m = reader.next()) {
            read.add(m);
        }
        assertThat(read).isEqualTo(understood.stream().map(m -> expected(m, version)).toList());
    }

    /** The server's message as a client of {@code version} must decode it (§6, §9.3). */
    private static SeaServerMessage expected(dev.switchboard.sea.message.SeaServerMessage m, byte version) {
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.UserList u) {
            return new SeaServerMessage.UserList(u.selfId(), Octets.of(u.ipText().toByteArray()), u.users().stream()
                    .map(x -> new SeaServerMessage.User(x.id(), Octets.of(x.username().toByteArray()), Octets.of(x.compname().toByteArray())))
                    .toList(), 0);
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.AddUser a) {
            return new SeaServerMessage.AddUser(new SeaServerMessage.User(a.id(), Octets.of(a.username().toByteArray()),
                    Octets.of(a.compname().toByteArray())));
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Message msg) {
            boolean modern = SeaVersions.bigMessages(version);
            int flags = modern ? (msg.flags() & 0xFE) | (msg.printers() ? 1 : 0) : 0;
            // A v102 reader's payload is text and extension; an older reader gets the text only (§9.4).
            byte[] payload = modern ? concat(msg.text().toByteArray(), msg.extension().toByteArray())
                    : msg.text().toByteArray();
            return new SeaServerMessage.Message(msg.senderId(), msg.privateMessage(), msg.printers(), flags,
                    Octets.of(payload));
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.UserInfo i) {
            return new SeaServerMessage.UserInfo(i.faculty(), Octets.of(i.room().toByteArray()), Octets.of(i.info().toByteArray()),
                    i.version() & 0xFF, Octets.of(i.ipText().toByteArray()));
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Chat c) {
            return new SeaServerMessage.Chat(c.senderId(), Octets.of(c.payload().toByteArray(), 1, c.payload().length() - 1));
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.DeleteUser d) {
            return new SeaServerMessage.DeleteUser(d.id());
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Pong) {
            return new SeaServerMessage.Pong();
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.ChatCancel c) {
            return new SeaServerMessage.ChatCancel(c.senderId());
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Link l) {
            return new SeaServerMessage.Link(Octets.of(l.url().toByteArray()));
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Mute mu) {
            return new SeaServerMessage.Mute(mu.senderId());
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Away a) {
            return new SeaServerMessage.Away(a.id());
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.Unaway u) {
            return new SeaServerMessage.Unaway(u.id());
        }
        if (m instanceof dev.switchboard.sea.message.SeaServerMessage.AltServer a) {
            return new SeaServerMessage.AltServer(Octets.of(a.address().toByteArray()));
        }
        var r = (dev.switchboard.sea.message.SeaServerMessage.Rename) m;
        return new SeaServerMessage.Rename(r.id(), Octets.of(r.username().toByteArray()));
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
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(SeaClientFrames.MAX_MSGLEN, 70_000)));
    }

    @Provide
    Arbitrary<Integer> bigVersion() {
        return Arbitraries.of(SeaClientFrames.BIG_MIN_VERSION, 110, 127);
    }

    @Provide
    Arbitrary<Byte> recipientVersions() {
        return Arbitraries.of((byte) 0, (byte) 95, (byte) 96, (byte) 97, (byte) 101, (byte) 102, (byte) 127, (byte) -1);
    }

    @Provide
    Arbitrary<List<dev.switchboard.sea.message.SeaServerMessage>> serverMessages() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 0xFFFE);
        Arbitrary<SeaBytes> name = printable(1, 40).map(SeaBytes::of);
        Arbitrary<dev.switchboard.sea.message.SeaServerMessage.UserEntry> entry = Combinators.combine(ids, name, name)
                .as(dev.switchboard.sea.message.SeaServerMessage.UserEntry::new);
        Arbitrary<dev.switchboard.sea.message.SeaServerMessage.Message> message = Combinators.combine(ids, Arbitraries.of(0, 1, 2),
                Arbitraries.integers().between(0, 255), printable(0, 150), printable(0, 200))
                .as((id, kind, flags, text, extension) -> new dev.switchboard.sea.message.SeaServerMessage.Message(id, kind > 0, kind == 2, flags,
                        SeaBytes.of(text), SeaBytes.of(extension)));
        Arbitrary<dev.switchboard.sea.message.SeaServerMessage> one = Arbitraries.oneOf(
                Combinators.combine(ids, name, entry.list().ofMaxSize(4)).as(dev.switchboard.sea.message.SeaServerMessage.UserList::new),
                Combinators.combine(ids, name, name).as(dev.switchboard.sea.message.SeaServerMessage.AddUser::new),
                ids.map(dev.switchboard.sea.message.SeaServerMessage.DeleteUser::new),
                message.map(m -> m),
                Arbitraries.just(new dev.switchboard.sea.message.SeaServerMessage.Pong()),
                Combinators.combine(Arbitraries.integers().between(0, 255), printable(0, 5).map(r -> SeaBytes.of(Arrays.copyOf(r, 5))),
                        printable(0, 60).map(SeaBytes::of), Arbitraries.bytes(), name).as(dev.switchboard.sea.message.SeaServerMessage.UserInfo::new),
                Combinators.combine(ids, printable(0, 100)).as((id, t) -> new dev.switchboard.sea.message.SeaServerMessage.Chat(id,
                        SeaBytes.of(concat(new byte[] {(byte) t.length}, t)))),
                ids.map(id -> new dev.switchboard.sea.message.SeaServerMessage.ChatCancel(id, SeaBytes.EMPTY)),
                printable(0, 80).map(SeaBytes::of).map(dev.switchboard.sea.message.SeaServerMessage.Link::new),
                ids.map(dev.switchboard.sea.message.SeaServerMessage.Mute::new),
                ids.map(dev.switchboard.sea.message.SeaServerMessage.Away::new),
                ids.map(dev.switchboard.sea.message.SeaServerMessage.Unaway::new),
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(SeaBytes::of)
                        .map(dev.switchboard.sea.message.SeaServerMessage.AltServer::new),
                Combinators.combine(ids, name).as(dev.switchboard.sea.message.SeaServerMessage.Rename::new));
        return one.list().ofMaxSize(8);
    }
}
