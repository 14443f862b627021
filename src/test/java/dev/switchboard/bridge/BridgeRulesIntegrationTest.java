package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.handler.SeaRosterExecutor;
import dev.switchboard.sea.service.Ipv4Cidr;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * SEA's rules applied to browser members through the bridge: flood control holds a member's messages and releases
 * them in order, a banned address and a blacklisted nick keep a member off SEA (and out of the bridged room).
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.bridge.enabled=true",
        "switchboard.bridge.room=lobby",
        "switchboard.sea.blacklist[0]=evil*"})
@Timeout(60)
class BridgeRulesIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }


    @Autowired
    Environment environment;
    @Autowired
    MutableClock clock;
    @Autowired
    TimeoutSweeper sweeper;
    @Autowired
    SeaService sea;
    @Autowired
    SeaRosterExecutor roster;

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
        return clients.sea(source, user, 102);
    }

    private WsTestClient web(String nick) throws InterruptedException {
        return clients.web(nick, "lobby");
    }

    /** Reads the rest of a group MESSAGE (its 04 already read) from {@code sender} and returns its text. */
    private static String readGroupMessageBody(SeaTestClient client, int sender) throws IOException {
        byte[] head = client.read(7);
        // Sender ID, group (00), A and B 00 for a message with no flags, then the BE16 length.
        assertThat(Hex.format(java.util.Arrays.copyOf(head, 5)))
                .isEqualTo(Hex.format(new byte[] {(byte) (sender >> 8), (byte) sender, 0, 0, 0}));
        int length = ((head[5] & 0xFF) << 8) | (head[6] & 0xFF);
        String text = new String(client.read(length), StandardCharsets.ISO_8859_1);
        client.expect("00");
        return text;
    }

    private static int readAddUserId(SeaTestClient client, String name) throws IOException {
        byte[] head = client.read(3);
        assertThat(head[0]).as("ADDUSER").isEqualTo((byte) 2);
        client.read(1 + name.length() + 1 + 3);
        return ((head[1] & 0xFF) << 8) | (head[2] & 0xFF);
    }

    private static String nextClose(WsTestClient client) throws InterruptedException {
        String frame;
        do {
            frame = client.next();
        } while (!frame.startsWith("close"));
        return frame;
    }

    @Test
    void flood_whenABrowserMemberFloods_thenSeaPacesItsMessagesInOrder_holdsABoundedNumber_andKillsAndBansLikeASeaClient()
            throws Exception {
        SeaTestClient hank = sea("127.0.5.1", "hank");
        WsTestClient ivy = web("ivy");
        int ivySeaId = readAddUserId(hank, "ivy");
        try {
            int sent = 30;
            for (int i = 0; i < sent; i++) {
                ivy.send(Command.NEW_MSG, "m" + i);
            }
            // The room relays every message. SEA reads them as it would read a flooding client: paced by the
            // throttle (the clock moves, the housekeeping sweep ends each pause), in order, with a bounded number
            // waiting (the rest refused visibly), until the penalty reaches the kill threshold.
            List<String> received = new ArrayList<>();
            int[] notices = new int[1];
            boolean[] ended = new boolean[2];
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                WsTestClient.Received frame;
                while (!ended[0] && (frame = ivy.poll(Duration.ofMillis(10))) != null) {
                    if ("close".equals(frame.type())) {
                        assertThat(frame.closeStatus()).isEqualTo(1008);
                        ended[0] = true;
                    } else if (WsTestClient.render(frame.payload()).endsWith("[not delivered to SEA: flood control]")) {
                        notices[0]++;
                    }
                }
                while (!ended[1] && hank.available() > 0) {
                    byte code = hank.read(1)[0];
                    if (code == 3) {
                        assertThat(Hex.format(hank.read(2)))
                                .isEqualTo(Hex.format(new byte[] {(byte) (ivySeaId >> 8), (byte) ivySeaId}));
                        ended[1] = true;
                    } else {
                        assertThat(code).as("MESSAGE").isEqualTo((byte) 4);
                        received.add(readGroupMessageBody(hank, ivySeaId));
                    }
                }
                clock.advance(Duration.ofSeconds(1));
                sweeper.sweep();
                return ended[0] && ended[1];
            });
            assertThat(notices[0]).as("messages past the bounded hold, refused visibly").isPositive();
            assertThat(received).isNotEmpty().hasSizeLessThanOrEqualTo(sent - notices[0]);
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i)).isEqualTo("m" + i);
            }
            // The flood ban holds the member's address off SEA, and so out of the bridged room.
            WsTestClient again = web("ivy2");
            assertThat(nextClose(again)).isEqualTo("close 1008");
        } finally {
            roster.executor().submit(() -> sea.bans().remove(Ipv4Cidr.parse("127.0.0.1"))).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ban_whenTheBrowsersAddressIsBanned_thenTheMemberStaysOffSeaAndIsKicked() throws Exception {
        SeaTestClient jack = sea("127.0.5.2", "jack");
        roster.executor().submit(() -> sea.bans().add(Ipv4Cidr.parse("127.0.0.1"), Duration.ofHours(1),
                clock.instant())).get(10, TimeUnit.SECONDS);
        try {
            WsTestClient kim = web("kim");
            assertThat(nextClose(kim)).isEqualTo("close 1008");
            jack.expectNothingMore();
        } finally {
            roster.executor().submit(() -> sea.bans().remove(Ipv4Cidr.parse("127.0.0.1"))).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void blacklist_whenTheNickMatches_thenTheMemberStaysOffSeaAndIsKicked() throws Exception {
        SeaTestClient lena = sea("127.0.5.3", "lena");
        WsTestClient evil = web("evilbob");

        assertThat(nextClose(evil)).isEqualTo("close 1008");
        lena.expectNothingMore();
    }
}
