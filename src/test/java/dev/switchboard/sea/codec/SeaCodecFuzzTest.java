package dev.switchboard.sea.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaMessageText;
import dev.switchboard.tools.codec.sea.SeaServerDecoder;
import dev.switchboard.tools.load.sea.SeaClientProtocol;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.support.fuzz.Canonical;
import dev.switchboard.support.fuzz.Chunks;
import dev.switchboard.support.fuzz.ErrorLog;
import dev.switchboard.support.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property and fuzz tests of the SEA client→server codec ({@link SeaFrameDecoder} then
 * {@link SeaCommandDecoder}) and of its agreement with the load driver's SEA client codec in both
 * directions. Every try runs on a fresh {@code EmbeddedChannel} whose buffers come from a
 * {@link TrackingAllocator}, and ends with all of them released and no ERROR line logged.
 */
class SeaCodecFuzzTest {

    /** Session facts for one try. */
    private record Context(byte version, boolean strict) implements SeaDecodeContext {
    }

    /** What the pipeline made of one input stream. */
    private record Decoded(List<SeaRequest> requests, List<String> canonical) {
    }

    private static Decoded decode(List<byte[]> chunks, int cap, Context context) {
        TrackingAllocator alloc = new TrackingAllocator();
        List<SeaRequest> requests = new ArrayList<>();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new SeaFrameDecoder(() -> cap), new SeaCommandDecoder(context));
            for (byte[] chunk : chunks) {
                ch.writeInbound(alloc.copyOf(chunk));
                drain(ch, requests);
            }
            ch.finish();
            drain(ch, requests);
            ch.checkException();
            log.assertNone();
        }
        alloc.assertAllReleased();
        return new Decoded(requests, requests.stream().map(Canonical::of).toList());
    }

    private static void drain(EmbeddedChannel ch, List<SeaRequest> into) {
        for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
            try {
                assertThat(msg).as("only requests leave the codec").isInstanceOf(SeaRequest.class);
                into.add((SeaRequest) msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    // --- random and mutated input ---

    @Property
    void pipeline_whenRandomOrMutatedInput_thenOnlyRequestsWithinTheCapAndAFrameErrorLast(
            @ForAll("hostileStreams") byte[] stream, @ForAll @Size(max = 8) List<@IntRange(max = 100_000) Integer> cuts,
            @ForAll("caps") int cap, @ForAll byte version, @ForAll boolean strict) {
        Decoded decoded = decode(Chunks.split(stream, cuts), cap, new Context(version, strict));

        long consumed = 0;
        for (int i = 0; i < decoded.requests().size(); i++) {
            SeaRequest request = decoded.requests().get(i);
            boolean frameError = request.command() instanceof Malformed m && m.code() == Malformed.NO_CODE;
            if (frameError) {
                assertThat(i).as("nothing is decoded after a framing error").isEqualTo(decoded.requests().size() - 1);
            } else {
                assertThat(request.length()).isBetween(1, cap);
                consumed += 3 + request.length();
            }
        }
        assertThat(consumed).as("frames never claim more bytes than were sent").isLessThanOrEqualTo(stream.length);
    }

    @Property
    void pipeline_whenSameBytesInAnyChunks_thenSameRequests(@ForAll("hostileStreams") byte[] stream,
            @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> cuts, @ForAll("caps") int cap,
            @ForAll byte version, @ForAll boolean strict) {
        Context context = new Context(version, strict);
        List<String> whole = decode(List.of(stream), cap, context).canonical();
        List<String> oneByOne = decode(Chunks.split(stream, allCuts(stream.length)), cap, context).canonical();
        List<String> chunked = decode(Chunks.split(stream, cuts), cap, context).canonical();
        assertThat(chunked).isEqualTo(whole);
        assertThat(oneByOne).isEqualTo(whole);
    }

    @Property
    void pipeline_whenWellFormedFrames_thenOneExactRequestPerFrame(@ForAll("wellFormedFrames") List<byte[]> frames,
            @ForAll @Size(max = 8) List<@IntRange(max = 100_000) Integer> cuts, @ForAll boolean strict) {
        // Version 0: no big messages, so every generated frame has exactly its fields' length.
        Decoded decoded = decode(Chunks.split(Chunks.concat(frames), cuts), SeaCodes.MAX_FRAME_LENGTH,
                new Context((byte) 0, strict));
        assertThat(decoded.requests()).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            SeaRequest request = decoded.requests().get(i);
            byte[] frame = frames.get(i);
            assertThat(request.malformed()).as(Canonical.of(request)).isFalse();
            assertThat(request.trailingBytes()).isZero();
            assertThat(request.length()).isEqualTo(frame.length - 3);
            assertThat(request.command().code() & 0xFF).isEqualTo(frame[3] & 0xFF);
        }
    }

    private static List<Integer> allCuts(int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    // --- agreement with the shared client codec (tools/codec/sea) the load driver uses ---

    @Property
    void serverDecoder_whenDriverLoginAndMessage_thenSameFields(@ForAll("names") byte[] user,
            @ForAll("names") byte[] computer, @ForAll @IntRange(max = 0xFFFF) int destination,
            @ForAll @IntRange(max = 100_000) int sender, @ForAll("stampNanos") long nanos, @ForAll @IntRange(max = 2000) int size) {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf login = SeaClientFrames.login(alloc, user, computer);
        ByteBuf message = SeaClientProtocol.stampedMessage(alloc, destination, sender, nanos, size);
        byte[] text = ByteBufUtil.getBytes(message, message.readerIndex() + 10, message.readableBytes() - 10);
        byte[] wire = Chunks.concat(List.of(ByteBufUtil.getBytes(login), ByteBufUtil.getBytes(message)));
        login.release();
        message.release();
        alloc.assertAllReleased();

        List<SeaRequest> requests = decode(List.of(wire), SeaCodes.MAX_FRAME_LENGTH,
                new Context((byte) 0, true)).requests();

        assertThat(requests).hasSize(2);
        Login parsedLogin = (Login) requests.get(0).command();
        assertThat(parsedLogin.username().toByteArray()).isEqualTo(user);
        assertThat(parsedLogin.compname().toByteArray()).isEqualTo(computer);
        SendMessage parsed = (SendMessage) requests.get(1).command();
        assertThat(parsed.destination()).isEqualTo(destination);
        assertThat(parsed.flags()).isZero();
        assertThat(parsed.text().toByteArray()).isEqualTo(text);
        assertThat(parsed.extension().toByteArray()).isEmpty();
    }

    @Property
    void driverDecoder_whenServerEncodesVersionZeroMessages_thenSameMessagesInAnyChunks(
            @ForAll("versionZeroMessages") List<SeaServerMessage> messages,
            @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts) {
        TrackingAllocator alloc = new TrackingAllocator();
        List<byte[]> encoded = new ArrayList<>();
        for (SeaServerMessage m : messages) {
            ByteBuf buf = SeaServerEncoder.encode(alloc, m, (byte) 0);
            encoded.add(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new SeaServerDecoder(1 << 20, 0));
        for (byte[] chunk : Chunks.split(Chunks.concat(encoded), cuts)) {
            ch.writeInbound(alloc.copyOf(chunk));
        }
        List<String> decoded = new ArrayList<>();
        for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
            decoded.add(describeDriverSide(msg));
            ReferenceCountUtil.release(msg);
        }
        ch.finishAndReleaseAll();
        alloc.assertAllReleased();

        assertThat(decoded).isEqualTo(messages.stream().map(SeaCodecFuzzTest::describeServerSide).toList());
    }

    private static String describeServerSide(SeaServerMessage m) {
        if (m instanceof SeaServerMessage.UserList u) {
            return "USERLIST " + u.selfId() + " " + u.users().size();
        }
        if (m instanceof SeaServerMessage.AddUser a) {
            return "ADDUSER " + a.id();
        }
        if (m instanceof SeaServerMessage.DeleteUser d) {
            return "DELETEUSER " + d.id();
        }
        if (m instanceof SeaServerMessage.Message msg) {
            return "MESSAGE " + msg.senderId() + " " + msg.privateMessage() + " "
                    + Arrays.toString(msg.text().toByteArray());
        }
        return "OTHER " + m.code();
    }

    private static String describeDriverSide(Object msg) {
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.UserList u) {
            return "USERLIST " + u.selfId() + " " + u.users().size();
        }
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.AddUser a) {
            return "ADDUSER " + a.user().id();
        }
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.DeleteUser d) {
            return "DELETEUSER " + d.id();
        }
        if (msg instanceof SeaMessageText m) {
            return "MESSAGE " + m.senderId() + " " + m.isPrivate() + " "
                    + Arrays.toString(ByteBufUtil.getBytes(m.content()));
        }
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.Pong) {
            return "OTHER " + dev.switchboard.tools.codec.sea.SeaServerMessage.PONG;
        }
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.Link) {
            return "OTHER " + dev.switchboard.tools.codec.sea.SeaServerMessage.LINK;
        }
        if (msg instanceof dev.switchboard.tools.codec.sea.SeaServerMessage.AltServer) {
            return "OTHER " + dev.switchboard.tools.codec.sea.SeaServerMessage.ALT_SERVER;
        }
        return String.valueOf(msg);
    }

    // --- generators ---

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 600),
                Arbitraries.of(SeaCodes.MAX_FRAME_LENGTH, 4096, 65_543));
    }

    /** Any send time but {@code Long.MIN_VALUE}, which {@code Stamp} documents it never carries. */
    @Provide
    Arbitrary<Long> stampNanos() {
        return Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<byte[]> names() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(255);
    }

    @Provide
    Arbitrary<List<byte[]>> wellFormedFrames() {
        return SeaFrames.wellFormed().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> hostileStreams() {
        Arbitrary<byte[]> part = Arbitraries.frequencyOf(
                Tuple.of(4, SeaFrames.wellFormed()),
                Tuple.of(4, SeaFrames.wellFormed().flatMap(SeaFrames::mutated)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
        return part.list().ofMaxSize(6).map(Chunks::concat);
    }

    @Provide
    Arbitrary<List<SeaServerMessage>> versionZeroMessages() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 0xFFFE);
        Arbitrary<SeaBytes> str8 = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).map(SeaBytes::of);
        Arbitrary<SeaServerMessage.UserEntry> entry = Combinators.combine(ids, str8, str8)
                .as(SeaServerMessage.UserEntry::new);
        Arbitrary<SeaServerMessage> one = Arbitraries.oneOf(
                Combinators.combine(ids, str8, entry.list().ofMaxSize(5)).as(SeaServerMessage.UserList::new),
                Combinators.combine(ids, str8, str8).as(SeaServerMessage.AddUser::new),
                ids.map(SeaServerMessage.DeleteUser::new),
                Combinators.combine(ids, Arbitraries.of(true, false),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(SeaBytes::of))
                        .as((id, priv, text) -> new SeaServerMessage.Message(id, priv, false, 0, text, SeaBytes.EMPTY)),
                Arbitraries.just(new SeaServerMessage.Pong()),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(SeaBytes::of).map(SeaServerMessage.Link::new),
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(SeaBytes::of)
                        .map(SeaServerMessage.AltServer::new));
        return one.list().ofMaxSize(8);
    }
}
