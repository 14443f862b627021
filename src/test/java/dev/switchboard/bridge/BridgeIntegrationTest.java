package dev.switchboard.bridge;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.bridge.service.BridgeService;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.sea.handler.SeaRosterExecutor;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A real SEA client (raw socket, byte-exact frames) and a real WebSocket client in the bridged room: presence both
 * ways, group messages both ways with Cyrillic text through Windows-1251, a private SEA message to a browser
 * member, and no echo.
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.bridge.enabled=true",
        "switchboard.bridge.room=lobby",
        // Paced senders (the latency tool) must not be throttled: flood control has its own test.
        "switchboard.sea.connection-classes[0]=127.0.0.0/8:30:1000:100000"})
@Timeout(60)
class BridgeIntegrationTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");

    @Autowired
    Environment environment;
    @Autowired
    BridgeService bridge;
    @Autowired
    SeaService sea;
    @Autowired
    SeaRosterExecutor roster;
    @Autowired
    Rooms rooms;

    private BridgeClients clients;

    @BeforeEach
    void openClients() {
        clients = new BridgeClients(environment);
    }

    @AfterEach
    void closeClients() throws Exception {
        clients.close();
    }

    private int port(String listener) {
        return clients.port(listener);
    }

    private SeaTestClient sea(String source, String user) throws IOException {
        return sea(source, user, 102);
    }

    private SeaTestClient sea(String source, String user, int version) throws IOException {
        return clients.sea(source, user, version);
    }

    private WsTestClient web(String nick, String room) throws InterruptedException {
        return clients.web(nick, room);
    }

    private static String hexId(int id) {
        return String.format("%02x %02x", id >> 8, id & 0xFF);
    }

    /** Reads an ADDUSER (02, ID, name, computer) and returns the new user's ID. */
    private static int readAddUser(SeaTestClient client, String name, String computer) throws IOException {
        byte[] head = client.read(3);
        assertThat(head[0]).as("ADDUSER").isEqualTo((byte) 2);
        byte[] rest = client.read(1 + name.length() + 1 + computer.length());
        assertThat(Hex.format(rest)).isEqualTo(Hex.format(concat(new byte[] {(byte) name.length()}, Hex.latin1(name),
                new byte[] {(byte) computer.length()}, Hex.latin1(computer))));
        return ((head[1] & 0xFF) << 8) | (head[2] & 0xFF);
    }

    /** Reads NEW_USER frames until {@code nick}'s; returns its member id. */
    private static int awaitNewUser(WsTestClient client, String nick) throws InterruptedException {
        while (true) {
            String frame = client.next();
            if (frame.startsWith("NEW_USER ") && frame.endsWith(" " + nick)) {
                return Integer.parseInt(frame.split(" ")[1], 16);
            }
        }
    }

    @Test
    void presenceAndMessages_crossBothWaysWithCyrillicAndNoEcho() throws Exception {
        SeaTestClient alice = sea("127.0.4.1", "alice");
        SeaTestClient oldie = sea("127.0.4.4", "oldie", 97);
        int oldieId = oldie.id();
        readAddUser(alice, "oldie", "PC");
        WsTestClient bob = web("bob", "lobby");
        // The join roster: bob himself, then the SEA user mirrored into the room.
        assertThat(bob.next()).matches("NEW_USER [0-9a-f]+ bob");
        int aliceMember = awaitNewUser(bob, "alice");

        int bobSeaId = readAddUser(alice, "bob", "web");
        assertThat(readAddUser(oldie, "bob", "web")).isEqualTo(bobSeaId);

        // Room -> SEA: a group MESSAGE from bob's SEA ID, A/B right for a version 102 recipient.
        bob.send(Command.NEW_MSG, "Привет");
        assertThat(bob.next()).matches("NEW_MSG [0-9a-f]+ Привет");
        alice.expect(bytes(String.format("04 %s 00 00 00 00 06", hexId(bobSeaId))));
        alice.expect(concat("Привет".getBytes(CP1251), new byte[] {0}));
        // A version 97 recipient: A = B = 00 for a group message, BE16 length.
        oldie.expect(bytes(String.format("04 %s 00 00 00 00 06", hexId(bobSeaId))));
        oldie.expect(concat("Привет".getBytes(CP1251), new byte[] {0}));

        // SEA -> room: alice's group message reaches bob from alice's member id; alice gets her own copy back.
        byte[] da = "Да, bob".getBytes(CP1251);
        alice.sendFrame(2, concat(bytes("00 00 00 00 00"), new byte[] {(byte) da.length}, da));
        alice.expect(bytes(String.format("04 %s 00 00 00 00 %02x", hexId(alice.id()), da.length)));
        alice.expect(concat(da, new byte[] {0}));
        oldie.expect(bytes(String.format("04 %s 00 00 00 00 %02x", hexId(alice.id()), da.length)));
        oldie.expect(concat(da, new byte[] {0}));
        assertThat(bob.next()).isEqualTo("NEW_MSG " + Integer.toHexString(aliceMember) + " Да, bob");

        // Private SEA -> web: only bob, visibly marked.
        byte[] psst = "psst".getBytes(CP1251);
        alice.sendFrame(2, concat(bytes(hexId(bobSeaId) + " 00 00 00"), new byte[] {(byte) psst.length}, psst));
        assertThat(bob.next()).isEqualTo("NEW_MSG " + Integer.toHexString(aliceMember) + " [private] psst");

        // No echo: nothing else reached either side.
        assertThat(bob.poll(Duration.ofMillis(300))).isNull();
        alice.expectNothingMore();

        // bob leaves: alice gets DELETEUSER for his SEA ID.
        oldie.expectNothingMore();
        bob.close();
        alice.expect(bytes("03 " + hexId(bobSeaId)));
        oldie.expect(bytes("03 " + hexId(bobSeaId)));
        assertThat(oldieId).isNotEqualTo(bobSeaId);
    }

    @Test
    void newSeaUser_seesBrowserMembersInUserList_andBrowserSeesTheNewUserJoin() throws Exception {
        WsTestClient carol = web("carol", "lobby");
        assertThat(carol.next()).matches("NEW_USER [0-9a-f]+ carol");
        SeaTestClient dave = SeaTestClient.connect(port("sea"), "127.0.4.2");
        clients.track(dave);
        // carol's SEA identity exists once the bridge has handled her join (it hops to the SEA thread).
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.snapshot().get().webMembersOnSea().stream()
                .anyMatch(identity -> identity.name().equals("carol")));
        byte[] u = Hex.latin1("dave");
        dave.sendFrame(1, concat(new byte[] {4}, u, new byte[] {2}, Hex.latin1("PC")));
        byte[] list = dave.readUserList();
        assertThat(Hex.format(list)).contains(Hex.format(concat(new byte[] {5}, Hex.latin1("carol"), new byte[] {3},
                Hex.latin1("web"))));

        assertThat(awaitNewUser(carol, "dave")).isPositive();
    }

    @Test
    void kicks_crossOver_aRoomKickEndsTheSeaSession_andASeaKillClosesTheBrowser() throws Exception {
        SeaTestClient erin = sea("127.0.4.3", "erin");
        WsTestClient frank = web("frank", "lobby");
        assertThat(frank.next()).matches("NEW_USER [0-9a-f]+ frank");
        int erinMember = awaitNewUser(frank, "erin");
        int frankSeaId = readAddUser(erin, "frank", "web");

        // An operator kills frank's SEA identity: the browser connection is kicked (1008).
        roster.executor().submit(() -> sea.kill(sea.loggedIn(frankSeaId), SeaCloseReason.ADMIN, "operator")).get(10, TimeUnit.SECONDS);
        erin.expect(bytes("03 " + hexId(frankSeaId)));
        String closed;
        do {
            closed = frank.next();
        } while (!closed.startsWith("close"));
        assertThat(closed).isEqualTo("close 1008");

        // An operator kicks erin's mirrored member out of the room: her SEA session ends.
        WsTestClient grace = web("grace", "lobby");
        assertThat(awaitNewUser(grace, "erin")).isEqualTo(erinMember);
        readAddUser(erin, "grace", "web");
        assertThat(rooms.kick("lobby", erinMember)).isTrue();
        erin.expectClosed();
        assertThat(grace.next()).isEqualTo("DEL_USER " + Integer.toHexString(erinMember) + " erin");
    }

    @Test
    void rename_onSea_thenTheRoomSeesTheOldNameLeaveAndTheNewOneJoin() throws Exception {
        SeaTestClient hugo = sea("127.0.4.5", "hugo");
        WsTestClient iris = web("iris", "lobby");
        assertThat(iris.next()).matches("NEW_USER [0-9a-f]+ iris");
        int hugoMember = awaitNewUser(iris, "hugo");
        readAddUser(hugo, "iris", "web");

        byte[] name = Hex.latin1("hugo2");
        hugo.sendFrame(14, concat(new byte[] {(byte) name.length}, name));

        // Rooms cannot rename a member: the old identity leaves, one with the new name joins.
        assertThat(iris.next()).isEqualTo("DEL_USER " + Integer.toHexString(hugoMember) + " hugo");
        assertThat(awaitNewUser(iris, "hugo2")).isNotEqualTo(hugoMember);
    }

    @Test
    void latencyTool_measuresBothDirectionsAndEveryMessageArrives() {
        java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(report, true, java.nio.charset.StandardCharsets.UTF_8);

        int status = dev.switchboard.tools.bridge.BridgeLatency.run(new String[] {"--sea-port",
                String.valueOf(port("sea")), "--http-port", String.valueOf(port("http")), "--room", "lobby",
                "--sea-users", "3", "--members", "3", "--rate", "10", "--duration", "1s", "--warmup", "0s"}, out, out);

        assertThat(status).as(report.toString()).isZero();
        List<String> lines = report.toString().lines().toList();
        assertThat(lines).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("sea-to-sea", "sea-to-room", "room-to-room", "room-to-sea");
        for (String line : lines) {
            String expected = line.replaceAll(".* expected=(\\d+) .*", "$1");
            assertThat(Integer.parseInt(expected)).as(line).isPositive();
            assertThat(line).as("every message arrives").contains("delivered=" + expected + " ");
        }
    }
}
