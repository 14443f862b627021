package dev.switchboard.rooms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.support.ManagementClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The rooms endpoint against real WebSocket members: list, details, notice, kick. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "switchboard.admin.password=pw")
@Timeout(60)
class RoomsAdminIntegrationTest {

    private static EventLoopGroup group;

    @Autowired
    Environment environment;

    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startClientLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClientLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsTestClient::close);
    }

    private WsTestClient member(String nick, String room) throws InterruptedException {
        int port = environment.getRequiredProperty("local.switchboard.http.port", Integer.class);
        WsTestClient client = WsTestClient.connect(group, port, "/ws", true);
        clients.add(client);
        assertThat(client.login(nick)).startsWith("RESP_OK");
        client.send(Command.SET_ROOM, room);
        assertThat(client.next()).startsWith("RESP_OK");
        return client;
    }

    private static String idOf(String newUserLine) {
        return newUserLine.split(" ")[1];
    }

    @Test
    void kick_whenMemberKicked_thenOthersGetDelUserAndKickedIsClosed() throws Exception {
        ManagementClient operator = new ManagementClient(environment, "admin", "pw");
        WsTestClient stay = member("stay-adm", "admin-room");
        String stayId = idOf(stay.next());
        WsTestClient victim = member("victim-adm", "admin-room");
        String victimId = idOf(victim.next());
        victim.next();
        assertThat(stay.next()).isEqualTo("NEW_USER " + victimId + " victim-adm");

        assertThat(operator.get("/actuator/rooms").body())
                .contains("{\"name\":\"admin-room\",\"members\":2,");
        assertThat(operator.get("/actuator/rooms/admin-room").body())
                .contains("\"nick\":\"stay-adm\"").contains("\"nick\":\"victim-adm\"");

        var kicked = operator.delete("/actuator/rooms/admin-room/" + Integer.parseInt(victimId, 16));
        assertThat(kicked.statusCode()).isEqualTo(200);

        assertThat(stay.next()).isEqualTo("DEL_USER " + victimId + " victim-adm");
        assertThat(victim.next()).isEqualTo("close 1008");
        assertThat(operator.get("/actuator/rooms/admin-room").body()).doesNotContain("victim-adm")
                .contains("\"id\":" + Integer.parseInt(stayId, 16));
    }

    @Test
    void notice_whenPosted_thenMembersReceiveItAndHistoryKeepsIt() throws Exception {
        ManagementClient operator = new ManagementClient(environment, "admin", "pw");
        WsTestClient member = member("reader-adm", "notice-room");
        member.next();

        var posted = operator.post("/actuator/rooms/notice-room", "{\"notice\":\"maintenance at noon\"}");
        assertThat(posted.statusCode()).isEqualTo(200);

        assertThat(member.next()).isEqualTo("LOGGED_MSG * maintenance at noon");
        assertThat(operator.get("/actuator/rooms/notice-room?history=5").body())
                .contains("\"history\":[\"* maintenance at noon\"]");
    }

    @Test
    void sessions_whenMembersConnected_thenListedWithNickAndKillableByOperator() throws Exception {
        ManagementClient operator = new ManagementClient(environment, "admin", "pw");
        WsTestClient watcher = member("watcher-ses", "session-room");
        watcher.next();
        WsTestClient target = member("target-ses", "session-room");
        String targetId = idOf(target.next());
        target.next();
        watcher.next();

        // Room members are listed as protocol "rooms", the tag the rooms metrics carry, not as "http".
        assertThat(operator.get("/actuator/sessions?protocol=http&name=target-ses").body()).isEqualTo("[]");
        var listed = operator.get("/actuator/sessions?protocol=rooms&name=target-ses");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"name\":\"target-ses\"").contains("\"state\":\"in-room\"")
                .contains("\"protocol\":\"rooms\"").doesNotContain("watcher-ses");
        String sessionId = listed.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(operator.get("/actuator/sessions/" + sessionId).body()).contains("\"room\":\"session-room\"");

        assertThat(operator.delete("/actuator/sessions/" + sessionId + "?ban=true").statusCode()).isEqualTo(400);
        assertThat(operator.delete("/actuator/sessions/" + sessionId).statusCode()).isEqualTo(200);

        assertThat(watcher.next()).isEqualTo("DEL_USER " + targetId + " target-ses");
        assertThat(target.next()).isEqualTo("close 1008");
        await().until(() -> operator.get("/actuator/sessions/" + sessionId).statusCode() == 404);
        assertThat(operator.delete("/actuator/sessions/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void rooms_whenInvalidInput_thenClientErrorsAndNothingChanges() throws Exception {
        ManagementClient operator = new ManagementClient(environment, "admin", "pw");
        member("lonely-adm", "quiet-room").next();

        assertThat(operator.get("/actuator/rooms/no-such-room").statusCode()).isEqualTo(404);
        assertThat(operator.get("/actuator/rooms/quiet-room?history=-1").statusCode()).isEqualTo(400);
        assertThat(operator.delete("/actuator/rooms/quiet-room/999999").statusCode()).isEqualTo(404);
        assertThat(operator.post("/actuator/rooms/quiet-room", "{\"notice\":\"   \"}").statusCode()).isEqualTo(400);
        assertThat(operator.post("/actuator/rooms/no-such-room", "{\"notice\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(operator.anonymous().get("/actuator/rooms").statusCode()).isEqualTo(401);
        assertThat(operator.get("/actuator/rooms/quiet-room?history=10").body())
                .contains("\"history\":[]").contains("lonely-adm");
    }
}
