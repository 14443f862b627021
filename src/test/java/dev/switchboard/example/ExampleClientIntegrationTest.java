package dev.switchboard.example;

import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.tools.example.ExampleClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The permanent client (spec §7) started before the server: it keeps retrying, and once the example
 * TCP listener binds it connects and completes the conversation, exiting 0 on BYE.
 *
 * <p>The listener starts disabled on a port held by a bound, non-listening socket with SO_REUSEADDR:
 * connects to it are refused, no other process can take it, and the listener (also SO_REUSEADDR) can
 * still bind it later. No free-port probing, so no race.
 */
@SpringBootTest(properties = {
        "server.port=0",
        "management.server.port=0",
        "switchboard.example.listeners.tcp.enabled=false",
        "switchboard.example.listeners.tcp.host=127.0.0.1",
        "switchboard.example.listeners.udp.host=127.0.0.1",
        "switchboard.example.listeners.udp.port=0"})
@Timeout(60)
class ExampleClientIntegrationTest {

    private static Socket reservation;

    @Autowired
    ListenerRegistry registry;

    @DynamicPropertySource
    static void reservePort(DynamicPropertyRegistry properties) throws IOException {
        reservation = new Socket();
        reservation.setReuseAddress(true);
        reservation.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        properties.add("switchboard.example.listeners.tcp.port", () -> reservation.getLocalPort());
    }

    @AfterAll
    static void release() throws IOException {
        reservation.close();
    }

    @Test
    void client_whenStartedBeforeServer_thenRetriesConnectsOnceUpAndExitsZeroOnBye() throws Exception {
        assertThat(registry.find(ExampleConfiguration.TCP_LISTENER).orElseThrow().isRunning()).isFalse();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);

        CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> ExampleClient.run(new String[] {
                "--server", "127.0.0.1:" + reservation.getLocalPort(), "--reconnect-delay", "0.2"}, out, System.err));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> countOf(outBytes.toString(StandardCharsets.UTF_8), "failed") >= 2);
        assertThat(client).isNotDone();

        registry.start(ExampleConfiguration.TCP_LISTENER);

        assertThat(client.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .contains("< HI", "> DAD", "< CLIMB", "> TOP", "< WHO", "> MOM", "< BYE");
    }

    private static int countOf(String text, String word) {
        int count = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            count++;
        }
        return count;
    }
}
