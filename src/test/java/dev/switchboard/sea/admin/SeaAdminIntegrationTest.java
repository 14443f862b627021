package dev.switchboard.sea.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cluster.ClusterState;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The SEA operations over REST with real SEA clients connected (spec §15): kill, ban and unban,
 * blacklist, archive link, alternate server. Each test uses its own loopback source addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "switchboard.admin.password=pw")
@Timeout(60)
class SeaAdminIntegrationTest {

    @Autowired
    Environment environment;
    @Autowired
    ClusterState cluster;

    private ManagementClient operator;
    private final List<SeaTestClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        operator = new ManagementClient(environment, "admin", "pw");
    }

    @AfterEach
    void closeClients() throws IOException {
        for (SeaTestClient client : clients) {
            client.close();
        }
    }

    private SeaTestClient connect(String source) throws IOException {
        SeaTestClient client = SeaTestClient.connect(
                environment.getRequiredProperty("local.switchboard.sea.port", Integer.class), source);
        clients.add(client);
        return client;
    }

    private SeaTestClient login(String source, String user, String comp) throws IOException {
        SeaTestClient client = connect(source);
        client.login(user, comp);
        return client;
    }

    private static String id(SeaTestClient client) {
        return String.format("%02x %02x", client.id() >>> 8, client.id() & 0xFF);
    }

    /** Reads the ADDUSER (#2) that announces {@code newcomer}: code, ID, str8 user, str8 computer. */
    private static void expectAddUser(SeaTestClient watcher, SeaTestClient newcomer, String user, String comp)
            throws IOException {
        watcher.expect(Hex.concat(Hex.bytes("02 " + id(newcomer)), new byte[] {(byte) user.length()},
                Hex.latin1(user), new byte[] {(byte) comp.length()}, Hex.latin1(comp)));
    }

    private String sessionIdOf(String name) {
        HttpResponse<String> listed = operator.get("/actuator/sessions?protocol=sea&name=" + name);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"name\":\"" + name + "\"");
        return listed.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void seaSessionsAndKillById_whenOperatorUsesThem_thenListedWithTheNodeAndKilledWithDeleteUser()
            throws IOException {
        SeaTestClient alice = login("127.0.1.41", "Alice", "A-PC");
        SeaTestClient bob = login("127.0.1.42", "Bob", "B-PC");
        expectAddUser(alice, bob, "Bob", "B-PC");
        HttpResponse<String> listed = operator.get("/actuator/sea/sessions");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"username\":\"Bob\"").contains("\"id\":" + bob.id())
                .contains("\"node\":\"" + cluster.nodeId() + "\"");
        assertThat(operator.get("/actuator/sea/nothing").statusCode()).isEqualTo(404);
        assertThat(operator.post("/actuator/sea/kill", "{\"selector\":\"Bob\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> killed = operator.post("/actuator/sea/kill", "{\"selector\":\"" + bob.id() + "\"}");
        assertThat(killed.statusCode()).isEqualTo(200);
        assertThat(killed.body()).isEqualTo("{\"count\":1}");
        alice.expect("03 " + id(bob));
        bob.expectClosed();
        assertThat(operator.post("/actuator/sea/kill", "{\"selector\":\"" + bob.id() + "\"}").body())
                .isEqualTo("{\"count\":0}");
    }

    @Test
    void kill_whenOperatorKillsUser_thenEveryOtherClientGetsDeleteUser() throws IOException {
        SeaTestClient alice = login("127.0.1.1", "Alice", "A-PC");
        SeaTestClient bob = login("127.0.1.2", "Bob", "B-PC");
        expectAddUser(alice, bob, "Bob", "B-PC");
        String sessionId = sessionIdOf("Bob");
        assertThat(operator.get("/actuator/sessions/" + sessionId).body())
                .contains("\"compname\":\"B-PC\"").contains("\"state\":\"logged_in\"");

        assertThat(operator.delete("/actuator/sessions/" + sessionId).statusCode()).isEqualTo(200);

        alice.expect("03 " + id(bob));
        bob.expectClosed();
        alice.expectNothingMore();
    }

    @Test
    void bans_whenCidrBannedThenUnbanned_thenMatchingUsersKilledRefusedThenAdmitted() throws IOException {
        SeaTestClient alice = login("127.0.2.1", "Alice2", "A-PC");
        SeaTestClient mallory = login("127.0.3.7", "Mallory", "M-PC");
        expectAddUser(alice, mallory, "Mallory", "M-PC");

        HttpResponse<String> banned = operator.post("/actuator/bans",
                "{\"address\":\"127.0.3.0/24\",\"timeout\":\"1h\"}");
        assertThat(banned.statusCode()).isEqualTo(200);
        assertThat(banned.body()).contains("\"address\":\"127.0.3.0/24\"").contains("\"permanent\":false");

        alice.expect("03 " + id(mallory));
        mallory.expectClosed();
        SeaTestClient refused = connect("127.0.3.9");
        refused.expectClosed();
        assertThat(operator.get("/actuator/bans").body()).contains("127.0.3.0/24");

        assertThat(operator.delete("/actuator/bans/127.0.3.0/24").statusCode()).isEqualTo(200);
        assertThat(operator.get("/actuator/bans").body()).doesNotContain("127.0.3.0/24");
        SeaTestClient back = login("127.0.3.9", "Mallory", "M-PC");
        expectAddUser(alice, back, "Mallory", "M-PC");
    }

    @Test
    void bans_whenInvalidInput_thenClientErrorAndListUnchanged() {
        String before = operator.get("/actuator/bans").body();
        assertThat(operator.post("/actuator/bans", "{\"address\":\"300.1.2.3/8\"}").statusCode()).isEqualTo(400);
        assertThat(operator.post("/actuator/bans", "{\"address\":\"10.0.0.0/33\"}").statusCode()).isEqualTo(400);
        assertThat(operator.post("/actuator/bans", "{\"address\":\"10.0.0.1\",\"timeout\":\"-5s\"}").statusCode())
                .isEqualTo(400);
        assertThat(operator.post("/actuator/bans", "{\"address\":\"10.0.0.1\",\"timeout\":\"soon\"}").statusCode())
                .isEqualTo(400);
        assertThat(operator.post("/actuator/bans", "{\"defaultTimeout\":\"0s\"}").statusCode()).isEqualTo(400);
        assertThat(operator.delete("/actuator/bans/10.9.9.9").statusCode()).isEqualTo(404);
        assertThat(operator.delete("/actuator/sessions/nope?ban=true").statusCode()).isEqualTo(404);
        assertThat(operator.anonymous().post("/actuator/bans", "{\"address\":\"10.0.0.1\"}").statusCode())
                .isEqualTo(401);
        assertThat(operator.get("/actuator/bans").body()).isEqualTo(before);
    }

    @Test
    void blacklist_whenPatternAdded_thenMatchingLiveUsersKilledAndNewLoginsRefused() throws IOException {
        SeaTestClient alice = login("127.0.4.1", "Alice4", "A-PC");
        SeaTestClient evil = login("127.0.4.2", "xEViLx", "E-PC");
        expectAddUser(alice, evil, "xEViLx", "E-PC");

        HttpResponse<String> added = operator.post("/actuator/blacklist", "{\"pattern\":\"*evil*\"}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("xEViLx");

        alice.expect("03 " + id(evil));
        evil.expectClosed();
        SeaTestClient again = connect("127.0.4.3");
        again.sendFrame(1, Hex.concat(new byte[] {4}, Hex.latin1("EVIL"), new byte[] {1}, Hex.latin1("x")));
        again.expectClosed();

        assertThat(operator.get("/actuator/blacklist").body()).contains("*evil*");
        assertThat(operator.delete("/actuator/blacklist/*evil*").statusCode()).isEqualTo(200);
        assertThat(operator.delete("/actuator/blacklist/*evil*").statusCode()).isEqualTo(404);
        alice.expectNothingMore();
    }

    @Test
    void sea_whenArchiveUrlChangedAndAltServerBroadcast_thenClientsSeeBoth() throws IOException {
        SeaTestClient alice = login("127.0.5.1", "Alice5", "A-PC");
        SeaTestClient bob = login("127.0.5.2", "Bob5", "B-PC");
        expectAddUser(alice, bob, "Bob5", "B-PC");

        HttpResponse<String> changed = operator.post("/actuator/sea", "{\"archiveUrl\":\"http://arch/\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(operator.get("/actuator/sea").body()).contains("\"archiveUrl\":\"http://arch/\"");
        alice.sendFrame(9, new byte[0]);
        alice.expect(Hex.concat(Hex.bytes("09 0c"), Hex.latin1("http://arch/")));

        HttpResponse<String> broadcast = operator.post("/actuator/sea/alt-server", "{\"address\":\"10.0.0.1\"}");
        assertThat(broadcast.statusCode()).isEqualTo(200);
        assertThat(broadcast.body()).contains("\"count\":");
        alice.expect("0d 0a 00 00 01");
        bob.expect("0d 0a 00 00 01");

        assertThat(operator.post("/actuator/sea/alt-server", "{\"address\":\"13\"}").statusCode()).isEqualTo(400);
        assertThat(operator.post("/actuator/sea", "{\"floodThreshold\":1}").statusCode()).isEqualTo(400);
        assertThat(operator.post("/actuator/sea/explode", "{}").statusCode()).isEqualTo(400);
        alice.expectNothingMore();
        bob.expectNothingMore();
    }

    @Test
    void bans_whenTimeoutHasNoUnitOrIsTooShort_thenFieldNamedAndNothingBanned() {
        String before = operator.get("/actuator/bans").body();
        for (String timeout : new String[] {"3600", "\"3600\"", "\"500ms\"", "\"0s\"", "\"3651d\"", "\"soon\""}) {
            HttpResponse<String> refused = operator.post("/actuator/bans",
                    "{\"address\":\"10.7.7.7\",\"timeout\":" + timeout + "}");
            assertThat(refused.statusCode()).as(timeout).isEqualTo(400);
            assertThat(refused.body()).as(timeout).contains("\"field\":\"timeout\"");
        }
        assertThat(operator.post("/actuator/bans", "{\"defaultTimeout\":3600}").body())
                .contains("\"field\":\"defaultTimeout\"").contains("needs a unit");
        assertThat(operator.get("/actuator/bans").body()).isEqualTo(before);

        HttpResponse<String> hour = operator.post("/actuator/bans", "{\"address\":\"10.7.7.7\",\"timeout\":\"1h\"}");
        assertThat(hour.statusCode()).isEqualTo(200);
        java.time.Instant expires = java.time.Instant.parse(hour.body().replaceAll("(?s).*\"expiresAt\":\"([^\"]+)\".*", "$1"));
        assertThat(expires).isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(59)));
        assertThat(operator.post("/actuator/bans", "{\"address\":\"10.7.7.8\",\"timeout\":\"PT2H\"}").statusCode())
                .isEqualTo(200);
        assertThat(operator.delete("/actuator/bans/10.7.7.7").statusCode()).isEqualTo(200);
        assertThat(operator.delete("/actuator/bans/10.7.7.8").statusCode()).isEqualTo(200);
    }

    @Test
    void bans_whenRangeCoversEveryAddress_thenConfirmationRequired() throws IOException {
        SeaTestClient alice = login("127.0.8.1", "Alice8", "A-PC");
        HttpResponse<String> refused = operator.post("/actuator/bans", "{\"address\":\"0.0.0.0/0\",\"timeout\":\"1h\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"confirm\"").contains("every address");
        assertThat(operator.post("/actuator/bans", "{\"address\":\"10.1.2.3/0\"}").body()).contains("\"field\":\"confirm\"");
        assertThat(operator.get("/actuator/bans").body()).doesNotContain("0.0.0.0/0");
        alice.expectNothingMore();

        HttpResponse<String> confirmed = operator.post("/actuator/bans",
                "{\"address\":\"0.0.0.0/0\",\"timeout\":\"1h\",\"confirm\":true}");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        alice.expectClosed();
        assertThat(operator.delete("/actuator/bans/0.0.0.0/0").statusCode()).isEqualTo(200);
    }

    @Test
    void blacklist_whenPatternMatchesEveryName_thenConfirmationRequired() {
        for (String everyone : new String[] {"*", "**", "?*", "*?", "*?*"}) {
            HttpResponse<String> refused = operator.post("/actuator/blacklist", "{\"pattern\":\"" + everyone + "\"}");
            assertThat(refused.statusCode()).as(everyone).isEqualTo(400);
            assertThat(refused.body()).as(everyone).contains("\"field\":\"confirm\"");
        }
        assertThat(operator.get("/actuator/blacklist").body()).isEqualTo("[]");
        assertThat(operator.post("/actuator/blacklist", "{\"pattern\":\"??*\"}").statusCode()).isEqualTo(200);
        assertThat(operator.delete("/actuator/blacklist/%3F%3F*").statusCode()).isEqualTo(200);
        assertThat(operator.post("/actuator/blacklist", "{\"pattern\":\"**\",\"confirm\":true}").statusCode())
                .isEqualTo(200);
        assertThat(operator.delete("/actuator/blacklist/**").statusCode()).isEqualTo(200);
        assertThat(operator.get("/actuator/blacklist").body()).isEqualTo("[]");
    }

    @Test
    void blacklist_whenPatternCouldNotBeDeletedThroughTheUrl_thenRefusedNamingThePattern() {
        for (String bad : new String[] {"a;b*", "50%*", "*..*", "a\\\\b*", "a/b*", "x\\u0000y", "x\\ny", "\\u202e*x",
                " lead*", "."}) {
            HttpResponse<String> refused = operator.post("/actuator/blacklist", "{\"pattern\":\"" + bad + "\"}");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("\"field\":\"pattern\"");
        }
        assertThat(operator.get("/actuator/blacklist").body()).isEqualTo("[]");
    }

    @Test
    void blacklist_whenOddButAcceptedPatterns_thenEachDeletableThroughItsDocumentedUrl() {
        String[] accepted = {"*evil*", "a b*", "?x?", "[a-c]*", "\u0451\u0436*", "x#y", "*.exe", "a+b", "{x}",
                "'q\"*", "<tag>", "x&y=z", "[!a]x", "~t@"};
        for (String pattern : accepted) {
            String json = "{\"pattern\":\"" + pattern.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            assertThat(operator.post("/actuator/blacklist", json).statusCode()).as(pattern).isEqualTo(200);
            HttpResponse<String> deleted = operator.delete("/actuator/blacklist/" + pathSegment(pattern));
            assertThat(deleted.statusCode()).as(pattern).isEqualTo(200);
        }
        assertThat(operator.get("/actuator/blacklist").body()).isEqualTo("[]");
    }

    /** The pattern as one URL path segment, as the docs say: UTF-8, every byte but unreserved ones and * encoded. */
    private static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~*".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    @Test
    void sea_whenUnknownOrMisplacedFieldOrBadType_thenFieldNamedWithWhereItBelongs() {
        String before = operator.get("/actuator/sea").body();
        HttpResponse<String> banTimeout = operator.post("/actuator/sea", "{\"banTimeout\":\"10m\"}");
        assertThat(banTimeout.statusCode()).isEqualTo(400);
        assertThat(banTimeout.body()).contains("\"field\":\"banTimeout\"").contains("POST /actuator/bans")
                .contains("defaultTimeout");
        HttpResponse<String> unknown = operator.post("/actuator/sea", "{\"strict\":true,\"floodTreshold\":6}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"floodTreshold\"").contains("floodThreshold");
        for (String bad : new String[] {"{\"strict\":\"yes\"}", "{\"floodThreshold\":\"abc\"}",
                "{\"floodThreshold\":6.5}", "{\"maxPenalty\":true}"}) {
            HttpResponse<String> refused = operator.post("/actuator/sea", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("\"field\":\"");
        }
        assertThat(operator.get("/actuator/sea").body()).isEqualTo(before);
    }
}
