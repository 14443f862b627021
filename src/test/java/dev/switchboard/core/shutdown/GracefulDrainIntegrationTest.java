package dev.switchboard.core.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful shutdown of the whole gateway (issue: graceful drain on Kubernetes): with SEA and WebSocket
 * clients connected and messages not yet read by their recipients, closing the context flushes those
 * messages, sends WebSocket close 1001, closes the SEA connections, switches readiness to refusing traffic
 * while the listeners are still bound, and finishes within the drain timeout.
 */
@Timeout(60)
class GracefulDrainIntegrationTest {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void shutdown_whenClientsConnectedAndMessagesInFlight_thenDeliveredClosedAndReadinessDownFirst() throws Exception {
        Map<String, Boolean> listenersBoundWhenRefusing = new ConcurrentHashMap<>();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
                .web(WebApplicationType.NONE)
                .properties("switchboard.shutdown.drain-timeout=" + DRAIN_TIMEOUT.toSeconds() + "s")
                .run();
        ListenerRegistry registry = context.getBean(ListenerRegistry.class);
        context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                registry.all().forEach(l -> listenersBoundWhenRefusing.putIfAbsent(l.name(), l.isRunning()));
            }
        });
        int seaPort = context.getEnvironment().getRequiredProperty("local.switchboard.sea.port", Integer.class);
        int httpPort = context.getEnvironment().getRequiredProperty("local.switchboard.http.port", Integer.class);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SeaTestClient alice = SeaTestClient.connect(seaPort, "127.0.7.1");
                SeaTestClient bob = SeaTestClient.connect(seaPort, "127.0.7.2");
                WsTestClient xavier = WsTestClient.connect(group, httpPort, "/ws", true);
                WsTestClient yvonne = WsTestClient.connect(group, httpPort, "/ws", true)) {
            alice.login("Alice", "PC1");
            bob.login("Bob", "PC2");
            xavier.login("xavier-drain");
            xavier.send(Command.SET_ROOM, "drain");
            yvonne.login("yvonne-drain");
            yvonne.send(Command.SET_ROOM, "drain");
            assertThat(yvonne.next()).isEqualTo("RESP_OK 1002");

            // Alice's group message (TV-07 layout); her own echo proves the server has queued Bob's copy,
            // which Bob does not read until the shutdown has begun.
            alice.send(Hex.bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c"));
            String hiAll = String.format("04 %02x %02x 00 00 00 00 06 48 69 20 61 6c 6c 00",
                    alice.id() >>> 8, alice.id() & 0xFF);
            alice.read(11); // ADDUSER of Bob: code, ID(2), str8 "Bob", str8 "PC2"
            alice.expect(hiAll);
            xavier.send(Command.NEW_MSG, "last words");

            long started = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

            bob.expect(hiAll);
            bob.expectClosed();
            alice.expectClosed();
            String seen;
            do {
                seen = yvonne.next();
            } while (!seen.startsWith("NEW_MSG") && !seen.startsWith("close"));
            assertThat(seen).endsWith(" last words");
            assertThat(yvonne.next()).isEqualTo("close 1001");

            closing.get(DRAIN_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DRAIN_TIMEOUT.plusSeconds(5));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            context.close();
        }
        assertThat(listenersBoundWhenRefusing).containsEntry("sea", true).containsEntry("http", true);
    }
}
