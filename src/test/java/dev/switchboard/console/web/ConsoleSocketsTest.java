package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.console.ConsoleProperties;
import dev.switchboard.console.service.AuditRing;
import dev.switchboard.console.service.ConsoleSnapshots;
import dev.switchboard.console.service.ConsoleSources;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

@Timeout(60)
class ConsoleSocketsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsoleSockets sockets = new ConsoleSockets(
            new ConsoleProperties(true, 2, Duration.ofMillis(200), DataSize.ofKilobytes(16), Duration.ofSeconds(1),
                    50, 200, 100, List.of()),
            new ConsoleSnapshots(new QuietSources(), new AuditRing(10), Clock.systemUTC(), 50, 200),
            JsonMapper.builder().build(), meters);
    private final List<FakeConsoleSocket> opened = new CopyOnWriteArrayList<>();

    private FakeConsoleSocket open(String id, boolean stalled) {
        FakeConsoleSocket socket = new FakeConsoleSocket(id, stalled, () -> "ops");
        opened.add(socket);
        assertThat(sockets.open(socket)).isTrue();
        return socket;
    }

    @AfterEach
    void stop() {
        opened.forEach(socket -> socket.release.countDown());
        sockets.stop();
    }

    @Test
    void open_whenConnected_thenSnapshotsArriveOnTheInterval() {
        sockets.start();
        FakeConsoleSocket console = open("a", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> console.received.size() >= 3);
        assertThat(console.received.get(0)).startsWith("{\"type\":\"snapshot\"").contains("\"listeners\":[{\"name\":\"sea\"");
    }

    @Test
    void open_whenCapReached_thenRefused() {
        sockets.start();
        open("a", false);
        open("b", false);
        assertThat(sockets.hasRoom()).isFalse();
        assertThat(sockets.open(new FakeConsoleSocket("c", false, () -> "ops"))).isFalse();
        sockets.closed(opened.get(0));
        assertThat(sockets.hasRoom()).isTrue();
    }

    @Test
    void slowConsole_whenItStopsReading_thenDroppedAndCountedWhileTheOtherKeepsGettingSnapshots() {
        sockets.start();
        FakeConsoleSocket slow = open("slow", true);
        FakeConsoleSocket reader = open("reader", false);

        await().atMost(Duration.ofSeconds(30)).until(() -> sockets.dropped() == 1);
        assertThat(slow.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(sockets.openCount()).isEqualTo(1);
        assertThat(meters.get(ConsoleSockets.DROPPED_METER).counter().count()).isEqualTo(1.0);

        int before = reader.received.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.received.size() > before + 2);
        assertThat(reader.received.get(reader.received.size() - 1)).contains("\"consoles\":{\"open\":1,\"dropped\":1}");
    }

    @Test
    void tick_whenARoundIsSlow_thenTheNextWaitsFourTimesAsLongAsItTook() {
        // Each snapshot round "takes" 2.5 s on this clock, so the next comes 10 s later at the earliest.
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        ConsoleSockets slowSampling = new ConsoleSockets(
                new ConsoleProperties(true, 2, Duration.ofMillis(200), DataSize.ofKilobytes(16), Duration.ofSeconds(1),
                        50, 200, 100, List.of()),
                new ConsoleSnapshots(new QuietSources(), new AuditRing(10), Clock.systemUTC(), 50, 200),
                JsonMapper.builder().build(), meters, () -> now.getAndAdd(Duration.ofMillis(2_500).toNanos()));
        slowSampling.start();
        try {
            FakeConsoleSocket console = new FakeConsoleSocket("a", false, () -> "ops");
            assertThat(slowSampling.open(console)).isTrue();
            // The snapshot on opening plus the first tick's; the second tick is at least 10 s away.
            await().atMost(Duration.ofSeconds(20)).until(() -> console.received.size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> console.received.size() == 2);
        } finally {
            slowSampling.stop();
        }
    }

    @Test
    void stop_whenConsolesOpen_thenClosedAsGoingAway() {
        sockets.start();
        FakeConsoleSocket console = open("a", false);
        sockets.stop();
        assertThat(console.closedWith).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(sockets.isRunning()).isFalse();
    }
}
