package dev.switchboard.rooms;

import static dev.switchboard.rooms.support.RawWebSocket.closePayload;
import static dev.switchboard.rooms.support.RawWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.rooms.support.RawWebSocket;
import dev.switchboard.rooms.support.RawWebSocket.Frame;
import dev.switchboard.rooms.support.SpecVectors;
import dev.switchboard.support.CapturedLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * What an Autobahn run checks, over raw sockets on both HTTP listeners: the opening handshake, framing,
 * fragmentation, control frames, UTF-8, the closing handshake with valid and invalid status codes and reasons, and
 * size limits. Every case asserts the exact close status, that it is the only close frame, and that no ERROR line
 * is logged.
 */
@SpringBootTest(properties = {
    "switchboard.rooms.max-frame-size=1KB",
    "switchboard.rooms.max-message-size=2KB",
    "switchboard.rooms.closing-timeout=30s"
})
@Timeout(120)
class WebSocketConformanceIntegrationTest {

    private static final List<String> LISTENERS = List.of("http", "http-legacy");
    private static final AtomicInteger NICKS = new AtomicInteger();
    private static final byte[] NO_BYTES = new byte[0];

    @Autowired
    Environment environment;

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] packet(Command command, String blob) {
        return TPackets.encode(0x1000, command.code(), 0, 0, bytes(blob));
    }

    /** Opens a rooms connection on {@code listener} and logs in, so frames below reach a trusted connection. */
    private RawWebSocket loggedIn(String listener) throws IOException {
        RawWebSocket ws = new RawWebSocket(port(listener)).open("/");
        ws.send(frame(0x82, SpecVectors.V1), frame(0x82, packet(Command.SET_USER_NICK, "conf" + NICKS.incrementAndGet())));
        Frame ok = ws.next();
        assertThat(ok.opcode()).isEqualTo(2);
        assertThat(ok.payload()[12]).as("_RESP_OK").isEqualTo((byte) Command.RESP_OK.code());
        return ws;
    }

    /** Sends {@code frames}, expects exactly one close with {@code status}, and the server closing TCP after it. */
    private static void expectClose(RawWebSocket ws, int status, byte[]... frames) throws IOException {
        ws.send(frames);
        Frame close = ws.nextClose();
        assertThat(close.closeCode()).isEqualTo(status);
        assertThat(close.masked()).isFalse();
        assertThat(close.payload().length).isLessThanOrEqualTo(125);
        // Answering is harmless either way: a failed connection is already closing, a clean one waits for this.
        try {
            ws.send(frame(0x88, closePayload(status, NO_BYTES)));
        } catch (IOException alreadyClosed) {
            // the server failed the connection and closed TCP first
        }
        assertThat(ws.endsWithoutFurtherFrames()).as("no second close frame, then TCP closed").isTrue();
    }

    record Case(String name, int status, byte[][] frames) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    private static Case kase(String name, int status, byte[]... frames) {
        return new Case(name, status, frames);
    }

    static Stream<Arguments> violations() {
        byte[] ping = bytes("ping");
        byte[] part = packet(Command.NOP, "x");
        byte[] firstHalf = Arrays.copyOfRange(part, 0, 10);
        byte[] secondHalf = Arrays.copyOfRange(part, 10, part.length);
        List<Case> cases = List.of(
                // Framing (Autobahn 3.x, 4.x)
                kase("RSV1 set", 1002, frame(0xc2, part)),
                kase("RSV3 set on a ping", 1002, frame(0x99, ping)),
                kase("reserved data opcode 3", 1002, frame(0x83, part)),
                kase("reserved control opcode 0xB", 1002, frame(0x8b, ping)),
                kase("unmasked client frame", 1002, frame(0x82, part, false)),
                // Fragmentation (5.x)
                kase("continuation without a start", 1002, frame(0x80, part)),
                kase("new message while a fragmented one is open", 1002, frame(0x02, firstHalf), frame(0x82, part)),
                kase("fragmented ping", 1002, frame(0x09, ping), frame(0x80, ping)),
                // Control frames (2.x)
                kase("ping with 126 bytes", 1002, frame(0x89, new byte[126])),
                kase("close with 1-byte body", 1002, frame(0x88, new byte[] {3})),
                // UTF-8 (6.x); rooms is binary only, so valid text is refused as unsupported data
                kase("text with invalid UTF-8", 1007, frame(0x81, new byte[] {'a', (byte) 0xc0, (byte) 0xaf})),
                kase("invalid UTF-8 split over fragments", 1007, frame(0x01, new byte[] {'a', (byte) 0xce}),
                        frame(0x80, new byte[] {'A'})),
                kase("text with valid UTF-8", 1003, frame(0x81, bytes("κόσμε"))),
                // Close reasons (7.5)
                kase("close reason not UTF-8", 1007, frame(0x88, closePayload(1000, new byte[] {(byte) 0xce, 'x'}))),
                // Limits (9.x, scaled down by max-frame-size and max-message-size)
                kase("frame over max-frame-size", 1009, frame(0x82, new byte[1025])),
                kase("fragments over max-message-size", 1009, frame(0x02, new byte[1000]), frame(0x00, new byte[1000]),
                        frame(0x80, new byte[1000])),
                kase("fragments reassembled into a good packet", -1, frame(0x02, firstHalf), frame(0x89, ping),
                        frame(0x80, secondHalf)));
        return LISTENERS.stream().flatMap(l -> cases.stream().map(c -> Arguments.of(l, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("violations")
    void frames_whenSent_thenExactOutcome(String listener, Case c) throws IOException {
        try (CapturedLogs logs = CapturedLogs.start(); RawWebSocket ws = loggedIn(listener)) {
            if (c.status() < 0) {
                // Interleaved ping answered at once with the same payload; the reassembled _NOP is ignored.
                ws.send(c.frames());
                Frame pong = ws.next();
                assertThat(pong.opcode()).isEqualTo(0xA);
                assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("ping");
                expectClose(ws, 1000, frame(0x88, closePayload(1000, NO_BYTES)));
            } else {
                expectClose(ws, c.status(), c.frames());
            }
            assertThat(logs.errors()).isEmpty();
        }
    }

    static Stream<Arguments> closeCodes() {
        List<Integer> valid = List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000,
                3999, 4000, 4999);
        List<Integer> invalid = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535);
        return LISTENERS.stream().flatMap(l -> Stream.concat(valid.stream().map(code -> Arguments.of(l, code, code)),
                invalid.stream().map(code -> Arguments.of(l, code, 1002))));
    }

    @ParameterizedTest(name = "{0}: client close {1} -> {2}")
    @MethodSource("closeCodes")
    void close_whenClientClosesWithStatus_thenEchoedWithoutReasonOrAnswered1002(String listener, int sent,
            int answered) throws IOException {
        try (CapturedLogs logs = CapturedLogs.start(); RawWebSocket ws = loggedIn(listener)) {
            ws.send(frame(0x88, closePayload(sent, bytes("client reason"))));
            Frame close = ws.nextClose();
            assertThat(close.closeCode()).isEqualTo(answered);
            if (sent == answered) {
                assertThat(close.payload()).as("status only, the reason is never echoed").hasSize(2);
            }
            assertThat(ws.endsWithoutFurtherFrames()).isTrue();
            assertThat(logs.errors()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-legacy"})
    void close_whenClientClosesWithoutStatus_thenEmptyCloseEchoed(String listener) throws IOException {
        try (RawWebSocket ws = loggedIn(listener)) {
            ws.send(frame(0x88, NO_BYTES));
            assertThat(ws.nextClose().payload()).isEmpty();
            assertThat(ws.endsWithoutFurtherFrames()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-legacy"})
    void close_whenClientPingsWhileTheServersCloseAwaitsItsAnswer_thenNoPong(String listener) throws IOException {
        try (RawWebSocket ws = loggedIn(listener)) {
            // A binary message too short for a tPacket header: the server closes first (the frame layer stays intact,
            // so later frames are still read).
            ws.send(frame(0x82, new byte[] {1}));
            assertThat(ws.nextClose().closeCode()).isBetween(1000, 4999);
            ws.send(frame(0x89, bytes("late")));
            ws.send(frame(0x88, closePayload(1000, NO_BYTES)));
            assertThat(ws.endsWithoutFurtherFrames()).as("no pong after the server's close").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-legacy"})
    void close_whenFirstMessageIsNotMagicAndNonAscii_thenShortFixedReasonNeverTheClientsBytes(String listener)
            throws IOException {
        try (RawWebSocket ws = new RawWebSocket(port(listener)).open("/")) {
            ws.send(frame(0x82, packet(Command.NOP, "€".repeat(40))));
            Frame close = ws.nextClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            byte[] reason = Arrays.copyOfRange(close.payload(), 2, close.payload().length);
            assertThat(reason.length).isLessThanOrEqualTo(123);
            assertThat(new String(reason, StandardCharsets.UTF_8)).doesNotContain("€").isEqualTo("bad-magic");
            ws.send(frame(0x88, closePayload(1008, NO_BYTES)));
            assertThat(ws.endsWithoutFurtherFrames()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-legacy"})
    void disconnect_whenClientLeavesInsideAFragmentedMessage_thenNoErrorLogged(String listener) throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            try (RawWebSocket ws = loggedIn(listener)) {
                ws.send(frame(0x02, new byte[] {1, 2, 3}), frame(0x88, closePayload(1000, NO_BYTES)));
                assertThat(ws.nextClose().closeCode()).isEqualTo(1000);
                assertThat(ws.endsWithoutFurtherFrames()).isTrue();
            }
            try (RawWebSocket ws = loggedIn(listener)) {
                ws.send(frame(0x02, new byte[] {1, 2, 3}));
            }
            // A third connection is served after both ended: the server is unharmed.
            try (RawWebSocket ws = loggedIn(listener)) {
                expectClose(ws, 1000, frame(0x88, closePayload(1000, NO_BYTES)));
            }
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500))
                    .atMost(java.time.Duration.ofSeconds(5)).until(() -> logs.errors().isEmpty());
            assertThat(logs.containing("PrematureChannelClosure")).isEmpty();
        }
    }

    static Stream<Arguments> badUpgrades() {
        String v13 = "Sec-WebSocket-Version: 13\r\n";
        String key = "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\n";
        String base = "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        List<Object[]> cases = List.of(
                new Object[] {"hixie-76", "GET / HTTP/1.1\r\n" + base
                        + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n^n:ds[4U",
                        426},
                new Object[] {"draft version 8", "GET / HTTP/1.1\r\n" + base + key + "Sec-WebSocket-Version: 8\r\n\r\n", 426},
                new Object[] {"draft version 7", "GET / HTTP/1.1\r\n" + base + key + "Sec-WebSocket-Version: 7\r\n\r\n", 426},
                new Object[] {"HTTP/1.0", "GET / HTTP/1.0\r\n" + base + key + v13 + "\r\n", 400},
                new Object[] {"key abc", "GET / HTTP/1.1\r\n" + base + "Sec-WebSocket-Key: abc\r\n" + v13 + "\r\n", 400},
                new Object[] {"two keys", "GET / HTTP/1.1\r\n" + base + key + key + v13 + "\r\n", 400},
                new Object[] {"no Connection: Upgrade", "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + key + v13 + "\r\n", 400});
        return LISTENERS.stream().flatMap(l -> cases.stream().map(c -> Arguments.of(l, c[0], c[1], c[2])));
    }

    @ParameterizedTest(name = "{0}: {1} -> {3}")
    @MethodSource("badUpgrades")
    void handshake_whenNotAValidVersion13Upgrade_thenRefusedAndClosed(String listener, String name, String request,
            int status) throws IOException {
        try (RawWebSocket ws = new RawWebSocket(port(listener))) {
            String head = ws.request(request);
            assertThat(head).startsWith("HTTP/1.1 " + status + " ");
            if (status == 426) {
                assertThat(head).containsIgnoringCase("Sec-WebSocket-Version: 13\r\n");
            }
            assertThat(new String(ws.body(head), StandardCharsets.UTF_8)).isNotBlank();
            assertThat(ws.endsWithoutFurtherFrames()).as("connection closed after the refusal").isTrue();
        }
    }
}
