package dev.switchboard.sea;

import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.support.SeaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behaviour that needs the real system clock or its own server configuration: the exact 2 s throttle
 * pause (§11.2, Errata 2), slow recipients (F17) and graceful shutdown.
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        // the other protocols' listeners on ephemeral ports, so parallel builds never collide
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.sea.slow-consumer-max-pending=1MB",
        // the sender may send many big messages without being throttled or banned
        "switchboard.sea.connection-classes[0]=127.0.0.6/32:30:10:100000",
        "switchboard.sea.archiver.file=target/sea-slow-archive.log",
})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class SeaSystemClockIntegrationTest {

    @Autowired
    Environment environment;
    @Autowired
    SeaAdministration admin;
    @Autowired
    ListenerRegistry registry;

    private final List<AutoCloseable> open = new ArrayList<>();

    private int port() {
        return environment.getRequiredProperty("local.switchboard.sea.port", Integer.class);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    @Order(1)
    void slowConsumer_whenRecipientNeverReads_thenKilledAndOthersGetDeleteUser() throws IOException {
        SeaTestClient watcher = SeaTestClient.connect(port());
        open.add(watcher);
        watcher.login("Watch", "W");
        // A raw socket with a tiny receive buffer that never reads after its USERLIST.
        Socket stuck = new Socket();
        open.add(stuck);
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
        stuck.getOutputStream().write(bytes("00 00 07 01 03 53 6c 6f 01 53 | Slo[S]"));
        stuck.getOutputStream().write(bytes("00 00 09 04 01 31 32 33 2d 61 00 66 | v102"));
        await().until(() -> admin.sessions().size() == 2 && admin.sessions().get(0).version() == 102);
        int stuckId = admin.sessions().get(0).id();
        watcher.read(1 + 2 + 1 + 3 + 1 + 1);
        SeaTestClient sender = SeaTestClient.connect(port(), "127.0.0.6");
        open.add(sender);
        sender.login("Send", "X");
        sender.setVersion(102);
        watcher.read(1 + 2 + 1 + 4 + 1 + 1);
        stuck.setSoTimeout(1);
        int payload = 1 << 20;
        byte[] big = concat(new byte[]{(byte) ((payload + 7) >>> 16), (byte) ((payload + 7) >>> 8), (byte) (payload + 7), 2,
                (byte) (stuckId >> 8), (byte) stuckId, 0, 0, 0, 4, 'b', 'i', 'g', '!'}, repeat('x', payload - 4));
        for (int i = 0; i < 40 && admin.session(stuckId).isPresent(); i++) {
            sender.send(big);
            sender.expectNothingMore();
        }
        assertThat(admin.session(stuckId)).isEmpty();
        watcher.expect(String.format("03 %02x %02x", stuckId >> 8, stuckId & 0xFF));
        sender.expect(String.format("03 %02x %02x", stuckId >> 8, stuckId & 0xFF));
    }

    @Test
    @Order(2)
    void throttle_whenSecondShortMessageCrossesMaxPenalty_thenNextFrameWaitsTwoSeconds() throws IOException {
        SeaTestClient sender = SeaTestClient.connect(port());
        open.add(sender);
        sender.login("Fast", "F");
        byte[] msg = bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c");
        String echo = String.format("04 %02x %02x 00 00 00 00 06 48 69 20 61 6c 6c 00", sender.id() >> 8,
                sender.id() & 0xFF);
        // 9 s + 9 s of penalty: the second message is delivered, then the session is throttled (§11.3 table)
        sender.send(concat(msg, msg, msg));
        sender.expect(echo);
        sender.expect(echo);
        long throttledAt = System.nanoTime();
        sender.expect(echo);
        long pausedMillis = (System.nanoTime() - throttledAt) / 1_000_000;
        assertThat(pausedMillis).isBetween(1_900L, 3_500L);
    }

    @Test
    @Order(3)
    void shutdown_whenListenerDrains_thenEverySessionClosedWithoutDeleteUser() throws IOException {
        SeaTestClient a = SeaTestClient.connect(port());
        open.add(a);
        a.login("A", "A");
        SeaTestClient b = SeaTestClient.connect(port());
        open.add(b);
        b.login("B", "B");
        a.read(1 + 2 + 1 + 1 + 1 + 1);
        // What graceful shutdown does for each listener: goodbye, flush, close.
        assertThat(registry.find("sea").orElseThrow().drain(Duration.ofSeconds(10))).isTrue();
        a.expectClosed();
        b.expectClosed();
    }
}
