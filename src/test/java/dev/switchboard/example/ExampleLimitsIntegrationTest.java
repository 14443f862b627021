package dev.switchboard.example;

import dev.switchboard.example.service.ExampleMeters;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.PartialLineBudget;
import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.switchboard.example.support.LineSockets.readLine;
import static dev.switchboard.example.support.LineSockets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example listener's bounds on real loopback sockets: idle and partial-line deadlines (driven by a
 * clock the test moves) and the memory partial lines hold, which grows with what was received, stays
 * out of the pooled direct memory and is given back when the connections close.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "switchboard.example.listeners.tcp.host=127.0.0.1",
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.example.max-line-length=1MB",
        "switchboard.example.partial-line-budget=64MB",
        "switchboard.example.idle-timeout=5m",
        "switchboard.example.partial-line-timeout=30s"})
@Timeout(120)
class ExampleLimitsIntegrationTest {

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
    PartialLineBudget budget;
    @Autowired
    ListenerRegistry registry;
    @Autowired
    MeterRegistry meters;

    @Test
    void deadlines_whenIdleOrLineLeftUnfinished_thenClosedWithoutReplyWhileActiveConnectionsStay() throws Exception {
        try (Socket idle = connect(); Socket partial = connect(); Socket active = connect()) {
            for (Socket socket : List.of(idle, partial, active)) {
                assertThat(readLine(socket)).isEqualTo("HI");
            }
            send(partial, "DA");
            await().atMost(Duration.ofSeconds(20)).until(() -> budget.held() > 0);

            advance(Duration.ofSeconds(29));
            send(active, "DAD\n");
            assertThat(readLine(active)).isEqualTo("CLIMB");
            advance(Duration.ofSeconds(1));
            assertClosedByServer(partial);   // 30 s without the LF: closed, nothing sent (no goodbye exists)
            await().atMost(Duration.ofSeconds(20)).until(() -> budget.held() == 0);

            advance(Duration.ofMinutes(5).minusSeconds(30));
            assertClosedByServer(idle);      // 5 min without a byte
            send(active, "TOP\n");           // its last input was 4.5 min ago
            assertThat(readLine(active)).isEqualTo("WHO");
        }
    }

    @Test
    void memory_whenManyConnectionsHoldPartialLines_thenBoundedOutsidePooledMemoryAndReturnedOnClose()
            throws Exception {
        int connections = 32;
        int partialBytes = 512 * 1024;
        long pooledBefore = usedPooledDirectMemory();
        List<Socket> sockets = new ArrayList<>();
        try {
            byte[] half = new byte[partialBytes];
            Arrays.fill(half, (byte) 'x');
            for (int i = 0; i < connections; i++) {
                Socket socket = connect();
                sockets.add(socket);
                assertThat(readLine(socket)).isEqualTo("HI");
                send(socket, "DAD a=".getBytes(StandardCharsets.US_ASCII));
                send(socket, half);
            }
            long received = (long) connections * partialBytes;
            await().atMost(Duration.ofSeconds(60)).until(() -> budget.held() >= received);

            // Capacity doubles at most, so what is held is within twice what was received...
            assertThat(budget.held()).isLessThanOrEqualTo(2 * received);
            // ...and it is not kept in the pooled direct memory, which would keep it after the close.
            assertThat(usedPooledDirectMemory() - pooledBefore).isLessThan(received / 2);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> budget.held() == 0
                && registry.find(ExampleConfiguration.TCP_LISTENER).orElseThrow().connections().isEmpty());
    }

    @Test
    void logRotate_whenFloodOfDatagrams_thenOneReopenAndTheRestMergedIntoOneDeferred() throws Exception {
        int port = environment.getRequiredProperty("local.switchboard.example-udp.port", Integer.class);
        byte[] request = "LOG_ROTATE".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket udp = new DatagramSocket()) {
            for (int i = 0; i < 2000; i++) {
                udp.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            }
        }
        // The test clock does not move, so every request after the first falls inside the interval.
        await().atMost(Duration.ofSeconds(20)).until(() -> rotations("merged") >= 100);
        assertThat(rotations("rotated")).isEqualTo(1);
        assertThat(rotations("deferred")).isEqualTo(1);
    }

    private double rotations(String outcome) {
        Counter counter = meters.find(ExampleMeters.LOG_ROTATIONS).tag(GatewayMeters.Tags.OUTCOME, outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static long usedPooledDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    private void advance(Duration by) {
        clock.advance(by);
        sweeper.sweep();
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException e) {
            assertThat(e.getMessage()).containsIgnoringCase("reset");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                environment.getRequiredProperty("local.switchboard.example-tcp.port", Integer.class));
        socket.setSoTimeout(10_000);
        return socket;
    }

}
