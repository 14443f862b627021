package dev.switchboard.rooms.handler;

import static dev.switchboard.rooms.handler.EmbeddedRoomsClient.concat;
import static dev.switchboard.rooms.support.SpecVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.support.Hex;
import dev.switchboard.rooms.support.TestRoomsProperties;
import dev.switchboard.support.MutableClock;
import dev.switchboard.tools.codec.rooms.TPackets;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rooms stages behind a real HTTP upgrade, driven byte by byte with EmbeddedChannel (spec §2–§9, §11). */
class RoomsPipelineTest {

    private final TestRoomsProperties settings = new TestRoomsProperties();
    private final MutableClock clock = new MutableClock();
    private final TimeoutSweeper sweeper = new TimeoutSweeper(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Disconnector disconnector = new Disconnector(registry);
    private Rooms rooms;
    private RoomsUpgrader upgrader;
    private final List<EmbeddedRoomsClient> clients = new ArrayList<>();

    private EmbeddedRoomsClient client() {
        if (upgrader == null) {
            var properties = settings.build();
            rooms = new Rooms(properties.limits());
            upgrader = new RoomsUpgrader(properties, rooms, new ConnectionSlots(properties.maxConnections()),
                    RoomsMetrics.NOOP, disconnector,
                    new RoomsBroadcast(UnpooledByteBufAllocator.DEFAULT, RoomsMetrics.NOOP, BroadcastMeter.NONE),
                    sweeper, clock);
        }
        EmbeddedRoomsClient client = new EmbeddedRoomsClient(upgrader);
        clients.add(client);
        return client;
    }

    @AfterEach
    void finishChannels() {
        for (EmbeddedRoomsClient client : clients) {
            client.frames();
            assertFalse(client.finish(), "nothing left in the pipeline");
        }
    }

    private static byte[] packet(int uid, int cmd, String blob) {
        return TPackets.encode(uid, cmd, blob);
    }

    /** The wire bytes a server packet must have (§5, §6), from the client codec: uid, cmd, p1, p2 = 0, blob. */
    private static String expected(int uid, int cmd, int p1, byte[] blob) {
        return Hex.of(TPackets.encode(uid, cmd, p1, 0, blob));
    }

    private static String respOk(int uid) {
        return expected(uid, TPackets.RESP_OK, 0, new byte[0]);
    }

    /** {@code _RESP_ERROR} carries p1 = -1 (§11 V4). */
    private static String respError(int uid) {
        return expected(uid, TPackets.RESP_ERROR, -1, new byte[0]);
    }

    /** Server-originated packets carry uid -1 (§11 V6, V7, V10). */
    private static String newUser(int id, String nick) {
        return expected(-1, TPackets.NEW_USER, id, nick.getBytes(StandardCharsets.UTF_8));
    }

    private static String delUser(int id, String nick) {
        return expected(-1, TPackets.DEL_USER, id, nick.getBytes(StandardCharsets.UTF_8));
    }

    private static String loggedMsg(String line) {
        return expected(-1, TPackets.LOGGED_MSG, 0, line.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens, sends magic + nick, checks the OK, joins {@code room} and discards the join replies. */
    private EmbeddedRoomsClient joined(String nick, String room) {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        c.sendPacket(packet(0x1001, 1, nick));
        assertThat(c.packetHex()).containsExactly(respOk(0x1001));
        c.sendPacket(packet(0x1002, 2, room));
        assertThat(c.packetHex()).startsWith(respOk(0x1002));
        return c;
    }

    // ---- opening handshake (spec §2, V13) ----

    @Test
    void upgrade_whenV13Key_thenAcceptTokenAndNoSubprotocolOrExtension() {
        String head = client().upgrade("/", V13_KEY, "Sec-WebSocket-Protocol: chat",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(head.toLowerCase()).contains("sec-websocket-accept: " + V13_ACCEPT.toLowerCase())
                .contains("upgrade: websocket").doesNotContain("sec-websocket-protocol")
                .doesNotContain("sec-websocket-extensions");
    }

    @Test
    void upgrade_whenPathWs_thenAccepted() {
        assertThat(client().upgrade("/ws", V13_KEY)).startsWith("HTTP/1.1 101");
    }

    @Test
    void upgrade_whenOtherPath_thenNotRoomsAndHttpAnswers() {
        assertThat(client().upgrade("/chat", V13_KEY)).startsWith("HTTP/1.1 404");
    }

    @Test
    void upgrade_whenKeyMissing_then400AndClosed() {
        EmbeddedRoomsClient c = client();
        assertThat(c.upgrade("/", null)).startsWith("HTTP/1.1 400");
        c.channel.runPendingTasks();
        assertThat(c.channel.isOpen()).isFalse();
    }

    @Test
    void upgrade_whenVersionUnsupported_then426WithSupportedVersion() {
        EmbeddedRoomsClient c = client();
        String request = EmbeddedRoomsClient.upgradeRequest("/", V13_KEY).replace("Version: 13", "Version: 6");
        c.write(request.getBytes(StandardCharsets.US_ASCII));
        String head = c.responseHead();
        assertThat(head).startsWith("HTTP/1.1 426");
        assertThat(head.toLowerCase()).contains("sec-websocket-version: 13");
    }

    @Test
    void upgrade_whenConnectionLimitReached_then503() {
        settings.maxConnections = 1;
        client().open();
        EmbeddedRoomsClient refused = client();
        String head = refused.upgrade("/", V13_KEY);
        assertThat(head).startsWith("HTTP/1.1 503").contains("content-type: text/plain; charset=utf-8")
                .contains("retry-after: 5").contains("content-length: 43");
        refused.channel.runPendingTasks();
        assertThat(refused.channel.isOpen()).isFalse();
    }

    // ---- trust levels and vectors (spec §4, §7, V1–V12) ----

    @Test
    void login_whenV11MaskedMagicThenV2_thenNoReplyToMagicAndExactlyV3() {
        EmbeddedRoomsClient c = client().open();
        c.write(V11_FRAME);
        assertThat(c.frames()).isEmpty();
        c.sendPacket(V2);
        List<WsFrame> frames = c.frames();
        assertThat(frames).hasSize(1);
        assertThat(Hex.of(frames.get(0).wire())).isEqualTo(Hex.of(V3_FRAME));
    }

    @Test
    void login_whenV11SplitAtEveryByteBoundary_thenStillV3() {
        for (int split = 1; split < V11_FRAME.length; split++) {
            EmbeddedRoomsClient c = client().open();
            c.write(Arrays.copyOf(V11_FRAME, split));
            c.write(Arrays.copyOfRange(V11_FRAME, split, V11_FRAME.length));
            c.sendPacket(V2);
            assertThat(Hex.of(c.frames().get(0).wire())).as("split at %d", split).isEqualTo(Hex.of(V3_FRAME));
            c.channel.close(); // frees the nick for the next round
            c.channel.runPendingTasks();
        }
    }

    @Test
    void login_whenMagicAndNickInOneWrite_thenV3() {
        EmbeddedRoomsClient c = client().open();
        c.write(concat(V11_FRAME, WsFrame.binary(V2)));
        assertThat(Hex.of(c.frames().get(0).wire())).isEqualTo(Hex.of(V3_FRAME));
    }

    @Test
    void join_whenFirstInRoom_thenOkThenV6ThenChatEchoIsV9AndV12Form() {
        EmbeddedRoomsClient alice = client().open();
        alice.sendPacket(V1);
        alice.sendPacket(V2);
        alice.frames();
        alice.sendPacket(V5);
        assertThat(alice.packetHex()).containsExactly(respOk(0x1002), Hex.of(V6));
        alice.sendPacket(V8);
        assertThat(alice.packetHex()).containsExactly(Hex.of(V9));
        alice.sendPacket(packet(0x1004, 7, "x".repeat(200)));
        WsFrame big = alice.frames().get(0);
        assertThat(Hex.of(Arrays.copyOf(big.wire(), 28))).isEqualTo(Hex.of(V12_HEADERS));
        assertThat(big.wire()).hasSize(4 + 224);
    }

    @Test
    void conformanceSequence_whenTwoClientsChatAndLeave_thenSpec11Outcome() {
        EmbeddedRoomsClient a = joined("alice", "wuwu"); // member 0x1000
        a.frames();
        EmbeddedRoomsClient b = client().open();         // member 0x1001
        b.sendPacket(V1);
        b.sendPacket(packet(0x1001, 1, "bob"));
        b.frames();
        b.sendPacket(packet(0x1002, 2, "wuwu"));
        assertThat(b.packetHex()).containsExactly(respOk(0x1002), newUser(0x1001, "bob"),
                Hex.of(V6));
        assertThat(a.packetHex()).containsExactly(newUser(0x1001, "bob"));
        EmbeddedRoomsClient other = joined("carol", "elsewhere"); // member 0x1002
        other.frames();

        a.sendPacket(V8);
        assertThat(a.packetHex()).containsExactly(Hex.of(V9));
        assertThat(b.packetHex()).containsExactly(Hex.of(V9));

        b.write(V14_CLIENT_CLOSE);
        List<WsFrame> closing = b.frames();
        assertThat(closing).hasSize(1);
        assertThat(Hex.of(closing.get(0).wire())).isEqualTo(Hex.of(V14_SERVER_CLOSE));
        b.channel.runPendingTasks();
        assertThat(b.channel.isOpen()).isFalse();
        assertThat(a.packetHex()).containsExactly(Hex.of(V10));
        assertThat(other.frames()).isEmpty();

        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        c.sendPacket(packet(0x1001, 1, "dave"));
        c.frames();
        c.sendPacket(packet(0x1002, 2, "wuwu"));
        assertThat(c.packetHex()).containsExactly(respOk(0x1002), newUser(0x1003, "dave"),
                Hex.of(V6), loggedMsg("alice: hi"));
    }

    @Test
    void history_whenBobSaidHelloBeforeAJoin_thenJoinerGetsExactlyV7() {
        EmbeddedRoomsClient bob = joined("bob", "wuwu");
        bob.frames();
        bob.sendPacket(packet(0x1003, 7, "hello"));
        bob.frames();
        EmbeddedRoomsClient carol = client().open();
        carol.sendPacket(V1);
        carol.sendPacket(packet(0x1001, 1, "carol"));
        carol.frames();
        carol.sendPacket(V5);
        assertThat(carol.packetHex()).containsExactly(respOk(0x1002), newUser(0x1001, "carol"),
                newUser(0x1000, "bob"), Hex.of(V7));
    }

    @Test
    void level3_whenSecondJoinRenameEarlyMessageUnknownCommand_thenDefinedReplies() {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        c.sendPacket(V2);
        c.frames();
        c.sendPacket(V8); // _NEW_MSG before joining a room
        assertThat(c.packetHex()).containsExactly(respError(0x1003));
        c.sendPacket(V5);
        c.frames();
        c.sendPacket(V5); // second _SET_ROOM
        assertThat(c.packetHex()).containsExactly(respError(0x1002));
        c.sendPacket(V2); // renaming
        assertThat(c.packetHex()).containsExactly(Hex.of(V4));
        c.sendPacket(packet(0x1009, 42, "??")); // unknown command: ignored
        c.sendPacket(packet(0x100a, 0, ""));    // _NOP at level 3: ignored
        c.sendPacket(packet(0x100b, 5, "me"));  // server-only command from a client: ignored
        assertThat(c.frames()).isEmpty();
        c.sendPacket(packet(0x100c, 7, ""));    // empty text
        c.sendPacket(packet(0x100d, 7, "x".repeat(201)));
        assertThat(c.packetHex()).containsExactly(respError(0x100c), respError(0x100d));
        assertThat(c.channel.isOpen()).isTrue();
    }

    // ---- hostile input: each has a defined outcome (spec §3, §5, §9) ----

    @Test
    void truncated_whenFrameCutThenConnectionCloses_thenNothingDecodedAndMemberFreed() {
        EmbeddedRoomsClient holder = joined("alice", "wuwu");
        holder.frames();
        EmbeddedRoomsClient c = client().open();
        c.write(V11_FRAME);
        c.sendPacket(packet(0x1001, 1, "bob"));
        c.sendPacket(V5);
        c.frames();
        assertThat(holder.packetHex()).containsExactly(newUser(0x1001, "bob"));
        c.write(Arrays.copyOf(WsFrame.binary(V8), 20));
        c.channel.close();
        c.channel.runPendingTasks();
        assertThat(c.frames()).isEmpty();
        assertThat(holder.packetHex()).containsExactly(delUser(0x1001, "bob"));
        assertThat(rooms.members("wuwu").orElseThrow()).hasSize(1);
    }

    @Test
    void hostile_whenGarbageBytes_thenClose1002ThenNextConnectionStillServed() {
        EmbeddedRoomsClient c = client().open();
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xFF);
        c.write(garbage);
        c.assertClosedWith(1002);
        EmbeddedRoomsClient next = client().open();
        next.write(V11_FRAME);
        next.sendPacket(V2);
        assertThat(Hex.of(next.frames().get(0).wire())).isEqualTo(Hex.of(V3_FRAME));
    }

    @Test
    void hostile_whenUnmaskedClientFrame_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x82, V1, null));
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenRsvBitSet_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x80 | 0x40 | 0x2, V1, new byte[] {1, 2, 3, 4}));
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenReservedOpcode_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x83, V1, new byte[] {1, 2, 3, 4}));
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenControlFrameLongerThan125OrFragmented_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x89, new byte[126], new byte[] {1, 2, 3, 4}));
        c.assertClosedWith(1002);
        EmbeddedRoomsClient d = client().open();
        d.write(WsFrame.client(0x09, new byte[4], new byte[] {1, 2, 3, 4}));
        d.assertClosedWith(1002);
    }

    @Test
    void hostile_whenFrameLargerThanMaxFrameSize_thenClose1009() {
        settings.maxFrameSize = org.springframework.util.unit.DataSize.ofBytes(1000);
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.binary(new byte[1001]));
        c.assertClosedWith(1009);
    }

    @Test
    void hostile_when64BitLengthBeyondLimitAnnouncedOnly_thenClose1009WithoutWaitingForBody() {
        EmbeddedRoomsClient c = client().open();
        // Header only: FIN+binary, MASK + 127, length 2^32, mask key; the body never comes.
        c.write(Hex.bytes("82 ff 00 00 00 01 00 00 00 00 01 02 03 04"));
        c.assertClosedWith(1009);
    }

    @Test
    void fragments_whenMessageSplitIntoContinuations_thenReassembled() {
        EmbeddedRoomsClient c = client().open();
        c.write(V11_FRAME);
        byte[] mask = {9, 8, 7, 6};
        c.write(WsFrame.client(0x02, Arrays.copyOf(V2, 10), mask));                // binary, FIN=0
        c.write(WsFrame.client(0x89, new byte[] {1}, mask));                       // ping in between
        c.write(WsFrame.client(0x00, Arrays.copyOfRange(V2, 10, 20), mask));      // continuation
        c.write(WsFrame.client(0x80, Arrays.copyOfRange(V2, 20, V2.length), mask)); // final continuation
        List<WsFrame> frames = c.frames();
        assertThat(frames).extracting(WsFrame::opcode).containsExactly(WsFrame.PONG, WsFrame.BINARY);
        assertThat(Hex.of(frames.get(1).wire())).isEqualTo(Hex.of(V3_FRAME));
    }

    @Test
    void hostile_whenFragmentsExceedMaxMessageSize_thenClose1009() {
        settings.maxMessageSize = org.springframework.util.unit.DataSize.ofBytes(100);
        EmbeddedRoomsClient c = client().open();
        byte[] mask = {9, 8, 7, 6};
        c.write(WsFrame.client(0x02, new byte[60], mask));
        c.write(WsFrame.client(0x80, new byte[60], mask));
        c.assertClosedWith(1009);
    }

    @Test
    void hostile_whenWrongSignature_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        byte[] bad = V1.clone();
        bad[0] = 'X';
        c.sendPacket(bad);
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenSizeFieldLies_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        byte[] bad = V1.clone();
        bad[8] = (byte) 200; // claims 200 bytes, message has 39
        c.sendPacket(bad);
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenShorterThanHeader_thenClose1002() {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(Arrays.copyOf(V1, 10));
        c.assertClosedWith(1002);
    }

    @Test
    void hostile_whenTextMessage_thenClose1003() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x81, "magic string :)".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3, 4}));
        c.assertClosedWith(1003);
    }

    @Test
    void hostile_whenTextFrameNotUtf8_thenClose1007() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x81, new byte[] {(byte) 0xC3, 0x28}, new byte[] {1, 2, 3, 4}));
        c.assertClosedWith(1007);
    }

    @Test
    void hostile_whenNickBeforeMagicString_thenClose1008() {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V2);
        c.assertClosedWith(1008);
    }

    @Test
    void hostile_whenMagicStringWrong_thenClose1008() {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(packet(0x1000, 0, "magic string :("));
        c.assertClosedWith(1008);
    }

    @Test
    void hostile_whenChatBeforeNick_thenRespErrorAndStillLevel2() {
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        c.sendPacket(V5);
        assertThat(c.packetHex()).containsExactly(respError(0x1002));
        c.sendPacket(V2);
        assertThat(c.packetHex()).containsExactly(respOk(0x1001));
    }

    @Test
    void hostile_whenNickFlood_thenRespErrorUpToLimitThenClose1008() {
        EmbeddedRoomsClient holder = joined("alice", "wuwu");
        holder.frames();
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        for (int i = 0; i < settings.maxNickAttempts; i++) {
            c.sendPacket(V2); // "alice" is taken
            assertThat(c.packetHex()).containsExactly(Hex.of(V4));
        }
        c.sendPacket(V2);
        c.assertClosedWith(1008);
        assertThat(holder.frames()).isEmpty();
    }

    // ---- control frames, heartbeat, goodbye (spec §3) ----

    @Test
    void ping_whenClientPings_thenPongWithSamePayload() {
        EmbeddedRoomsClient c = client().open();
        byte[] payload = "ping-payload-123".getBytes(StandardCharsets.US_ASCII);
        c.write(WsFrame.client(0x89, payload, new byte[] {5, 6, 7, 8}));
        List<WsFrame> frames = c.frames();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(WsFrame.PONG);
        assertThat(frames.get(0).payload()).isEqualTo(payload);
    }

    @Test
    void close_whenClientClosesWithoutStatus_thenEmptyCloseEchoedAndClosed() {
        EmbeddedRoomsClient c = client().open();
        c.write(WsFrame.client(0x88, new byte[0], new byte[] {1, 2, 3, 4}));
        List<WsFrame> frames = c.frames();
        assertThat(frames).extracting(WsFrame::opcode).containsExactly(WsFrame.CLOSE);
        assertThat(frames.get(0).payload()).isEmpty();
        assertThat(c.channel.isOpen()).isFalse();
    }

    @Test
    void close_whenOneBytePayloadOrReservedStatus_thenAnswered1002AndMemberLeaves() {
        // RFC 6455 §5.5.1/§7.4.1: a 1-byte close body and status 1005 are invalid, so no echo but 1002.
        EmbeddedRoomsClient oneByte = joined("alice", "wuwu");
        EmbeddedRoomsClient reserved = joined("bob", "wuwu");
        oneByte.frames();
        reserved.frames();
        oneByte.write(WsFrame.client(0x88, new byte[] {0x03}, new byte[] {1, 2, 3, 4}));
        oneByte.assertFailedWith(1002);
        assertThat(reserved.packetHex()).containsExactly(delUser(0x1000, "alice"));
        reserved.write(WsFrame.client(0x88, new byte[] {0x03, (byte) 0xed}, new byte[] {1, 2, 3, 4}));
        // The peer's close already arrived, so the handshake is complete once our 1002 is out.
        reserved.assertFailedWith(1002);
        assertThat(rooms.rooms()).isEmpty();                // both left: the room died with its last member
    }

    @Test
    void handshake_whenFramesFollowTheUpgradeInTheSameRead_thenFramesReachRooms() {
        EmbeddedRoomsClient c = client();
        // A raw client may send its first messages without waiting for the 101 (spec §4: magic and nick are
        // sent back-to-back); bytes already read behind the request must not be parsed as HTTP.
        c.write(concat(EmbeddedRoomsClient.upgradeRequest("/", V13_KEY).getBytes(StandardCharsets.US_ASCII),
                WsFrame.binary(V1), WsFrame.binary(V2)));
        assertThat(c.responseHead()).startsWith("HTTP/1.1 101");
        assertThat(c.packetHex()).containsExactly(respOk(0x1001));
    }

    @Test
    void handshake_whenUpgradeArrivesOneByteAtATime_then101() {
        EmbeddedRoomsClient c = client();
        byte[] request = EmbeddedRoomsClient.upgradeRequest("/", "dGhlIHNhbXBsZSBub25jZQ==")
                .getBytes(StandardCharsets.US_ASCII);
        for (byte b : request) {
            c.write(new byte[] {b});                 // spec §2.3: the request may span many TCP reads
        }
        assertThat(c.responseHead()).startsWith("HTTP/1.1 101")
                .containsIgnoringCase("Sec-WebSocket-Accept: " + V13_ACCEPT);
        c.sendPacket(V1);
        c.sendPacket(V2);
        assertThat(c.packetHex()).containsExactly(respOk(0x1001));
    }

    @Test
    void heartbeat_whenPongsArrive_thenPingsContinue_whenPongMissing_thenClose1001() {
        settings.loginTimeout = Duration.ZERO;
        EmbeddedRoomsClient c = client().open();
        assertThat(sweeper.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        sweeper.sweep();
        assertThat(c.frames()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        assertThat(c.frames()).extracting(WsFrame::opcode).containsExactly(WsFrame.PING);
        c.write(WsFrame.client(0x8A, new byte[0], new byte[] {1, 2, 3, 4}));
        clock.advance(Duration.ofSeconds(30));
        sweeper.sweep();
        assertThat(c.frames()).extracting(WsFrame::opcode).containsExactly(WsFrame.PING);
        clock.advance(Duration.ofSeconds(19));
        sweeper.sweep();
        assertThat(c.frames()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        c.channel.runPendingTasks();
        c.assertClosedWith(1001);
        sweeper.sweep();
        assertThat(sweeper.size()).isZero();
    }

    @Test
    void heartbeat_whenDisabled_thenNeverRegistered() {
        settings.heartbeatInterval = Duration.ZERO;
        settings.loginTimeout = Duration.ZERO;
        client().open();
        assertThat(sweeper.size()).isZero();
    }

    @Test
    void loginTimeout_whenNoNickInTime_thenClose1008() {
        settings.heartbeatInterval = Duration.ZERO;
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        clock.advance(Duration.ofSeconds(29));
        sweeper.sweep();
        c.channel.runPendingTasks();
        assertThat(c.frames()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        c.channel.runPendingTasks();
        c.assertClosedWith(1008);
        assertThat(sweeper.size()).isZero();
    }

    @Test
    void loginTimeout_whenNickAccepted_thenRemovedAndNeverFires() {
        settings.heartbeatInterval = Duration.ZERO;
        EmbeddedRoomsClient c = client().open();
        c.sendPacket(V1);
        c.sendPacket(V2);
        c.frames();
        sweeper.sweep();
        c.channel.runPendingTasks();
        assertThat(c.channel.pipeline().get(RoomsPipeline.LOGIN_TIMEOUT)).isNull();
        assertThat(sweeper.size()).isZero();
        clock.advance(Duration.ofMinutes(5));
        sweeper.sweep();
        c.channel.runPendingTasks();
        assertThat(c.channel.isOpen()).isTrue();
    }

    @Test
    void goodbye_whenShuttingDown_thenClose1001AndMemberLeaves() {
        EmbeddedRoomsClient a = joined("alice", "wuwu");
        EmbeddedRoomsClient b = joined("bob", "wuwu");
        a.frames();
        Connection.of(b.channel).close(CoreCloseReason.SHUTDOWN, "the gateway is shutting down");
        b.channel.runPendingTasks();
        b.assertClosedWith(1001);
        assertThat(a.packetHex()).containsExactly(delUser(0x1001, "bob"));
        assertThat(rooms.members("wuwu").orElseThrow()).hasSize(1);
    }

    @Test
    void goodbye_whenCoreClosesRightAfter_thenTcpStaysOpenUntilThePeerAnswers() {
        EmbeddedRoomsClient b = joined("bob", "wuwu");
        Connection.of(b.channel).close(CoreCloseReason.SHUTDOWN, "the gateway is shutting down");
        // What the core's drain does right after the goodbye, from its own thread, so as a task behind the
        // goodbye's (EmbeddedChannel.close() would cancel timers).
        b.channel.eventLoop().execute(() -> b.channel.pipeline().close());
        b.channel.runPendingTasks();
        b.assertCloseSentAndAwaitingPeer(1001);
        b.write(WsFrame.client(0x88, new byte[] {0x03, (byte) 0xe9}, new byte[] {1, 2, 3, 4}));
        assertThat(b.frames()).as("no echo of the peer's answer").isEmpty();
        assertThat(b.channel.isOpen()).isFalse();
    }

    @Test
    void goodbye_whenAlsoKicked_thenOneCloseFrame() {
        EmbeddedRoomsClient b = joined("bob", "wuwu");
        Connection.of(b.channel).close(CoreCloseReason.SHUTDOWN, "the gateway is shutting down");
        Connection.of(b.channel).close(CoreCloseReason.SHUTDOWN, "the gateway is shutting down");
        Connection.of(b.channel).close(RoomsCloseReason.KICKED, "late kick");
        b.channel.runPendingTasks();
        b.assertClosedWith(1001);
    }

    @Test
    void kick_whenOperatorKicks_thenClose1008AndOthersGetDelUser() {
        EmbeddedRoomsClient a = joined("alice", "wuwu");
        EmbeddedRoomsClient b = joined("bob", "wuwu");
        a.frames();
        assertThat(rooms.kick("wuwu", 0x1001)).isTrue();
        assertThat(a.packetHex()).containsExactly(delUser(0x1001, "bob"));
        b.channel.runPendingTasks();
        b.assertClosedWith(1008);
        assertThat(a.frames()).isEmpty();
    }

    @Test
    void notice_whenOperatorPosts_thenLoggedMsgToMembers() {
        EmbeddedRoomsClient a = joined("alice", "wuwu");
        a.frames();
        rooms.notice("wuwu", "hello all");
        assertThat(a.packetHex()).containsExactly(loggedMsg("* hello all"));
    }

    // ---- no pipeline call under a room lock ----

    /** Closes the channel from inside a write, as a flush that fails on a reset socket does. */
    private static final class ClosesOnWrite extends io.netty.channel.ChannelOutboundHandlerAdapter {
        @Override
        public void write(io.netty.channel.ChannelHandlerContext ctx, Object msg,
                io.netty.channel.ChannelPromise promise) {
            io.netty.util.ReferenceCountUtil.release(msg);
            promise.setFailure(new java.io.IOException("connection reset by peer"));
            ctx.close();
        }
    }

    @Test
    void leave_whenTheBroadcastToTheLastOtherMemberClosesIt_thenNoNestedLeaveAndTheRoomCountedOnce() {
        settings.maxRooms = 1;
        EmbeddedRoomsClient a = joined("alice", "wuwu");
        EmbeddedRoomsClient b = joined("bob", "wuwu");
        a.frames();
        b.frames();
        b.channel.pipeline().addFirst(new ClosesOnWrite());

        // Alice leaves: the _DEL_USER to bob fails and closes bob. Bob's departure must run after alice's
        // leave released the room, not nested inside it on the same thread, where both would count the
        // emptied room down.
        a.write(WsFrame.client(0x88, new byte[] {0x03, (byte) 0xe8}, new byte[] {1, 2, 3, 4}));
        a.channel.runPendingTasks();
        b.channel.runPendingTasks();

        assertThat(b.channel.isOpen()).isFalse();
        assertThat(rooms.rooms()).isEmpty();
        // The room was counted down once: with max-rooms 1, exactly one new room may exist again.
        EmbeddedRoomsClient c = joined("carol", "first");
        EmbeddedRoomsClient d = client().open();
        d.sendPacket(V1);
        d.sendPacket(packet(0x1001, 1, "dave"));
        d.packetHex();
        d.sendPacket(packet(0x1002, 2, "second"));
        assertThat(d.packetHex()).containsExactly(respError(0x1002));
        assertThat(rooms.rooms()).extracting(r -> r.name()).containsExactly("first");
        c.frames();
    }
}
