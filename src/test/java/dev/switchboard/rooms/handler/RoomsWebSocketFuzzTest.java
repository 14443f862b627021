package dev.switchboard.rooms.handler;

import static dev.switchboard.rooms.support.SpecVectors.V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.rooms.RoomsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.support.TestRoomsProperties;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.fuzz.Chunks;
import dev.switchboard.support.fuzz.ErrorLog;
import dev.switchboard.support.fuzz.TrackingAllocator;
import dev.switchboard.tools.codec.rooms.TPackets;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz tests of the rooms WebSocket path as we configure it, behind a real upgrade: Netty's frame decoder
 * with our limits, the aggregator, the tPacket decoder, the malformed-packet, trust and session stages.
 * Whatever a logged-in client sends, in whatever chunks, ends in a defined outcome: the connection stays
 * open, or the server closes it after at most one close frame, sent last; never an ERROR line,
 * and every buffer read from the client is released.
 */
class RoomsWebSocketFuzzTest {

    private static final byte[] MASK = {0x5a, 0x13, 0x7f, (byte) 0xc4};

    /** A logged-in client in a room on a fresh service; its later reads come from {@code alloc}. */
    private static EmbeddedRoomsClient loggedIn(TrackingAllocator alloc) {
        TestRoomsProperties settings = new TestRoomsProperties();
        settings.maxFrameSize = org.springframework.util.unit.DataSize.ofKilobytes(4);
        settings.maxMessageSize = org.springframework.util.unit.DataSize.ofKilobytes(8);
        RoomsProperties properties = settings.build();
        MutableClock clock = new MutableClock();
        Rooms rooms = new Rooms(properties.limits());
        RoomsUpgrader upgrader = new RoomsUpgrader(properties, rooms, new ConnectionSlots(properties.maxConnections()),
                RoomsMetrics.NOOP, new Disconnector(new SimpleMeterRegistry()),
                new RoomsBroadcast(UnpooledByteBufAllocator.DEFAULT, RoomsMetrics.NOOP, BroadcastMeter.NONE),
                new TimeoutSweeper(clock), clock);
        EmbeddedRoomsClient client = new EmbeddedRoomsClient(upgrader).open();
        client.sendPacket(V1);
        client.sendPacket(packet(0x1001, 1, "fuzzer".getBytes(StandardCharsets.UTF_8)));
        client.sendPacket(packet(0x1002, 2, "lobby".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.frames()).isNotEmpty().allSatisfy(f -> assertThat(f.opcode()).isEqualTo(WsFrame.BINARY));
        client.channel.config().setAllocator(alloc);
        return client;
    }

    private static void deliver(EmbeddedRoomsClient client, TrackingAllocator alloc, List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            if (client.channel.isOpen()) {
                client.channel.writeInbound(alloc.copyOf(chunk));
            }
            client.channel.runPendingTasks();
        }
    }

    @Property
    void connection_whenAnyFramesInAnyChunks_thenOpenOrOneCloseFrameLastAndNoErrorOrLeak(
            @ForAll("hostileFrames") List<byte[]> frames, @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts) {
        TrackingAllocator alloc = new TrackingAllocator();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedRoomsClient client = loggedIn(alloc);
            deliver(client, alloc, Chunks.split(Chunks.concat(frames), cuts));

            List<WsFrame> sent = client.frames();
            long closes = sent.stream().filter(f -> f.opcode() == WsFrame.CLOSE).count();
            // Every way to close sends one close frame, as the last frame; after it the connection may still be
            // open, waiting (bounded) for the peer's close.
            assertThat(closes).as("at most one close frame").isLessThanOrEqualTo(1);
            if (closes == 1) {
                assertThat(sent.get(sent.size() - 1).opcode()).as("the close frame comes last").isEqualTo(WsFrame.CLOSE);
            }
            client.finish();
            log.assertNone();
        }
        alloc.assertAllReleased();
    }

    @Property
    void connection_whenOnlyWellFormedTrafficInAnyChunks_thenStaysOpenAndAnswersEveryPing(
            @ForAll("wellFormedFrames") List<byte[]> frames,
            @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts) {
        TrackingAllocator alloc = new TrackingAllocator();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedRoomsClient client = loggedIn(alloc);
            deliver(client, alloc, Chunks.split(Chunks.concat(frames), cuts));

            assertThat(client.channel.isOpen()).isTrue();
            long pings = frames.stream().filter(f -> (f[0] & 0x0F) == WsFrame.PING).count();
            assertThat(client.frames().stream().filter(f -> f.opcode() == WsFrame.PONG).count()).isEqualTo(pings);
            client.finish();
            log.assertNone();
        }
        alloc.assertAllReleased();
    }

    /** Found by the first property: the aggregator's complaint about a half message reached the tail as ERROR. */
    @Example
    void connection_whenPeerLeavesMidFragmentedMessage_thenNoErrorAndNothingLeaks() {
        TrackingAllocator alloc = new TrackingAllocator();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedRoomsClient client = loggedIn(alloc);
            // Binary frame without FIN: the first fragment of a message whose rest never comes.
            deliver(client, alloc, List.of(WsFrame.client(WsFrame.BINARY, new byte[] {0x45, 0x6a}, MASK)));
            client.frames();
            client.finish();
            log.assertNone();
        }
        alloc.assertAllReleased();
    }

    /**
     * Found by the first property: the close for a bad tPacket is written by a task after the read, so the
     * fragment read behind it in the same read must be dropped, not held by the aggregator of a connection that
     * only waits for the peer's close.
     */
    @Example
    void connection_whenFragmentFollowsABadPacketInTheSameRead_thenDroppedAndNothingLeaks() {
        TrackingAllocator alloc = new TrackingAllocator();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedRoomsClient client = loggedIn(alloc);
            byte[] badSignature = packet(0x1003, 7, "0123456789".getBytes(StandardCharsets.UTF_8));
            badSignature[0] = 'D';
            deliver(client, alloc, List.of(EmbeddedRoomsClient.concat(WsFrame.client(WsFrame.BINARY | 0x80,
                    badSignature, MASK), WsFrame.client(WsFrame.BINARY, new byte[] {0x45}, MASK))));

            List<WsFrame> sent = client.frames();
            assertThat(sent).extracting(WsFrame::opcode).containsExactly(WsFrame.CLOSE);
            assertThat(sent.get(0).closeCode()).isEqualTo(1002);
            client.finish();
            log.assertNone();
        }
        alloc.assertAllReleased();
    }

    private static byte[] packet(int uid, int cmd, byte[] blob) {
        return TPackets.encode(uid, cmd, 0, 0, blob);
    }

    // --- generators ---

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    /** NOP and NEW_MSG packets (spec §6), which a logged-in member in a room may always send. */
    private static Arbitrary<byte[]> validPacket() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.of(0, 7),
                Arbitraries.strings().alpha().ofMaxLength(200))
                .as((uid, cmd, text) -> packet(uid, cmd, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<List<byte[]>> wellFormedFrames() {
        Arbitrary<byte[]> binary = validPacket().map(p -> WsFrame.client(0x80 | WsFrame.BINARY, p, MASK));
        Arbitrary<byte[]> fragmented = Combinators.combine(validPacket(), Arbitraries.integers().between(1, 100))
                .as((p, at) -> {
                    int cut = Math.min(at, p.length - 1);
                    return Chunks.concat(List.of(
                            WsFrame.client(WsFrame.BINARY, Arrays.copyOf(p, cut), MASK),
                            WsFrame.client(0x80 | WsFrame.CONTINUATION, Arrays.copyOfRange(p, cut, p.length), MASK)));
                });
        Arbitrary<byte[]> ping = bytes(0, 125).map(payload -> WsFrame.client(0x80 | WsFrame.PING, payload, MASK));
        Arbitrary<byte[]> pong = bytes(0, 125).map(payload -> WsFrame.client(0x80 | WsFrame.PONG, payload, MASK));
        return Arbitraries.oneOf(binary, fragmented, ping, pong).list().ofMaxSize(6);
    }

    /** Well-formed frames mixed with every kind of bad frame a hostile or careless client sends. */
    @Provide
    Arbitrary<List<byte[]>> hostileFrames() {
        Arbitrary<byte[]> mutatedPacket = validPacket().flatMap(p -> Combinators.combine(
                Arbitraries.integers().between(0, p.length - 1), Arbitraries.integers().between(1, 255))
                .as((at, mask) -> {
                    byte[] copy = p.clone();
                    copy[at] ^= (byte) (int) mask;
                    return WsFrame.client(0x80 | WsFrame.BINARY, copy, MASK);
                }));
        Arbitrary<byte[]> anyOpcode = Combinators.combine(Arbitraries.integers().between(0, 255), bytes(0, 200),
                Arbitraries.of(true, false))
                .as((first, payload, masked) -> WsFrame.client(first, payload, masked ? MASK : null));
        Arbitrary<byte[]> close = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), bytes(0, 130))
                .as((code, reason) -> WsFrame.client(0x80 | WsFrame.CLOSE,
                        Chunks.concat(List.of(new byte[] {(byte) (code >>> 8), (byte) (int) code}, reason)), MASK));
        Arbitrary<byte[]> oversized = Arbitraries.of(5_000, 70_000, Integer.MAX_VALUE).map(length -> {
            byte[] head = WsFrame.client(0x80 | WsFrame.BINARY, new byte[0], null);
            return new byte[] {head[0], (byte) (0x80 | 127), 0, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
                    (byte) (length >>> 8), (byte) (int) length, 1, 2, 3, 4};
        });
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(50)
                .map(s -> WsFrame.client(0x80 | WsFrame.TEXT, s.getBytes(StandardCharsets.UTF_8), MASK));
        Arbitrary<byte[]> halfFragment = validPacket().map(p -> WsFrame.client(WsFrame.BINARY, p, MASK));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, wellFormedFrames().map(Chunks::concat)),
                net.jqwik.api.Tuple.of(2, mutatedPacket),
                net.jqwik.api.Tuple.of(2, anyOpcode),
                net.jqwik.api.Tuple.of(1, close),
                net.jqwik.api.Tuple.of(1, oversized),
                net.jqwik.api.Tuple.of(1, text),
                net.jqwik.api.Tuple.of(1, halfFragment),
                net.jqwik.api.Tuple.of(1, bytes(1, 40))).list().ofMaxSize(5);
    }
}
