package dev.switchboard.sea;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logged-in v102 users that each start a maximal frame (L = 16 MiB − 1) and hold it unfinished: with the
 * default input budget (48 MiB in total, 32 MiB per address) only as many frames as the budget holds are
 * buffered, every further one gets its sender killed, and everybody else keeps logging in and talking.
 * The bodies sent are short (256 KiB each), because the budget reserves what the header announces.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.sea.large-frame-timeout=60s",
        // two connections per attacking address: the second must reach the budget (SeaInputCooldownIntegrationTest
        // covers the cooldown)
        "switchboard.input-budget.refusal-cooldown=0s",
        // attackers log in and set their version quickly; the flood rules are not under test
        "switchboard.sea.connection-classes[0]=127.0.0.0/8:30:100:100000",
})
@Import(SeaInputBudgetIntegrationTest.TestClock.class)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@Timeout(120)
class SeaInputBudgetIntegrationTest {

    private static final int MAX_FRAME = 0xFFFFFF;
    private static final int HELD_BODY = 256 * 1024;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock budgetTestClock() {
            return new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
        }
    }

    @Autowired
    Environment environment;
    @Autowired
    InputBudget budget;
    @Autowired
    SeaAdministration admin;
    @Autowired
    TimeoutSweeper sweeper;
    @Autowired
    MutableClock clock;

    private final List<SeaTestClient> clients = new ArrayList<>();

    private SeaTestClient connect(String source) throws IOException {
        SeaTestClient c = SeaTestClient.connect(environment.getRequiredProperty("local.switchboard.sea.port",
                Integer.class), source);
        clients.add(c);
        return c;
    }

    @BeforeEach
    void quiet() {
        await().until(() -> admin.sessions().isEmpty() && budget.reserved() == 0);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (SeaTestClient c : clients) {
            c.close();
        }
    }

    /** Logs in as a v102 client and starts a maximal frame whose body never completes. */
    private SeaTestClient holdMaximalFrame(String source, String name) throws IOException {
        SeaTestClient attacker = connect(source);
        attacker.login(name, "X");
        attacker.setVersion(102);
        // L = 0xffffff, command #2 (SEND_MESSAGE), then only part of the body
        try {
            attacker.send(concat(bytes("ff ff ff 02"), repeat(0x41, HELD_BODY)));
        } catch (java.net.SocketException killedWhileSending) {
            // over the budget: the server killed the session at the header and reset the rest
        }
        return attacker;
    }

    @Test
    void maximalFramesHeld_when40ConnectionsOverTheBudget_thenOnlyTheirSendersAreKilledAndOthersTalk(
            CapturedOutput output) throws IOException {
        ManagementClient management = new ManagementClient(environment, null, null);
        long perFrame = MAX_FRAME;
        int fits = (int) (budget.total() / perFrame);
        // 20 addresses with 2 connections each: the per-address share and the total both come into play.
        for (int i = 0; i < 40; i++) {
            holdMaximalFrame("127.0.1." + (10 + i / 2), "A" + i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.sessions().size() == fits);
        assertThat(budget.reserved()).isEqualTo(fits * perFrame);
        assertThat(budget.refusals(InputBudget.Refusal.TOTAL)).isEqualTo(40 - fits);
        // Large input is refused while the budget is full; the pod stays ready, as small frames are served.
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        SeaTestClient alice = connect("127.0.0.1");
        alice.login("Alice", "AL");
        SeaTestClient bob = connect("127.0.0.2");
        bob.login("Bob", "BO");
        alice.read(10);    // ADDUSER Bob: 02, ID (2), 03 "Bob", 02 "BO"
        bob.sendFrame(2, bytes("00 00 00 00 00 02 48 69"));
        String delivered = "04 " + String.format("%02x %02x", bob.id() >> 8, bob.id() & 0xFF)
                + " 00 00 00 00 02 48 69 00";
        alice.expect(delivered);
        bob.expect(delivered);

        // The held frames' senders leave: their shares come back.
        for (SeaTestClient c : clients.subList(0, 40)) {
            c.close();
        }
        await().until(() -> budget.reserved() == 0);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("OutOfMemoryError");
        assertThat(output.getAll()).contains("input budget of the gateway");
    }

    @Test
    void heldFrame_whenLargeFrameTimeoutPasses_thenSenderKilledAndShareReleased(CapturedOutput output)
            throws IOException {
        SeaTestClient watcher = connect("127.0.0.1");
        watcher.login("Watch", "W");
        SeaTestClient holder = holdMaximalFrame("127.0.2.1", "Slow");
        await().until(() -> budget.reserved() == MAX_FRAME);
        clock.advance(Duration.ofSeconds(59));
        sweeper.sweep();
        assertThat(admin.sessions()).hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        sweeper.sweep();
        holder.expectClosed();
        await().until(() -> budget.reserved() == 0);
        // the watcher saw Slow arrive (ADDUSER) and leave (DELETEUSER)
        String slowId = String.format("%02x %02x", holder.id() >> 8, holder.id() & 0xFF);
        watcher.expect("02 " + slowId + " 04 53 6c 6f 77 01 58");
        watcher.expect("03 " + slowId);
        assertThat(output.getAll()).contains("still incomplete after 60 s").doesNotContain(" ERROR ");
    }
}
