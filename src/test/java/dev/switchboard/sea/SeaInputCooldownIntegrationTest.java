package dev.switchboard.sea;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.MutableClock;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * After a large frame of an address is refused, new SEA connections from that address are closed on arrival for
 * {@code switchboard.input-budget.refusal-cooldown}, so a refused sender cannot make every user pay a login and a
 * logout broadcast per retry; other addresses are unaffected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.sea.listener.port=0",
        // one maximal frame per address, so the second from the same address is refused
        "switchboard.input-budget.per-address=16MB",
        "switchboard.input-budget.refusal-cooldown=30s",
        "switchboard.sea.connection-classes[0]=127.0.0.0/8:30:100:100000",
})
@Import(SeaInputCooldownIntegrationTest.TestClock.class)
@DirtiesContext
@Timeout(120)
class SeaInputCooldownIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock cooldownTestClock() {
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
    MutableClock clock;

    private final List<SeaTestClient> clients = new ArrayList<>();

    private SeaTestClient connect(String source) throws IOException {
        SeaTestClient c = SeaTestClient.connect(environment.getRequiredProperty("local.switchboard.sea.port",
                Integer.class), source);
        clients.add(c);
        return c;
    }

    @AfterEach
    void closeAll() throws IOException {
        for (SeaTestClient c : clients) {
            c.close();
        }
    }

    private SeaTestClient startMaximalFrame(String source, String name) throws IOException {
        SeaTestClient sender = connect(source);
        sender.login(name, "X");
        sender.setVersion(102);
        try {
            // L = 0xffffff, command #2 (SEND_MESSAGE), then only part of the body
            sender.send(concat(bytes("ff ff ff 02"), repeat(0x41, 64 * 1024)));
        } catch (SocketException killedWhileSending) {
            // refused: the server killed the session at the header
        }
        return sender;
    }

    @Test
    void connect_whenTheAddressHadAFrameRefusedWithinTheCooldown_thenClosedOnArrivalUntilItEnds() throws IOException {
        startMaximalFrame("127.0.3.1", "Holder");
        await().until(() -> budget.reserved() == 0xFFFFFF);
        SeaTestClient refused = startMaximalFrame("127.0.3.1", "Second");
        refused.expectClosed();
        assertThat(budget.refusals(InputBudget.Refusal.PER_ADDRESS)).isEqualTo(1);

        SeaTestClient retry = connect("127.0.3.1");
        retry.expectClosed();
        assertThat(budget.refusals(InputBudget.Refusal.COOLDOWN)).isEqualTo(1);

        SeaTestClient neighbour = connect("127.0.3.2");
        neighbour.login("Other", "O");
        await().until(() -> admin.sessions().size() == 2);

        clock.advance(Duration.ofSeconds(30));
        SeaTestClient later = connect("127.0.3.1");
        later.login("Later", "L");
        await().until(() -> admin.sessions().size() == 3);
    }
}
