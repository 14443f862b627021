package dev.switchboard.core.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A connection flood on the SEA port (idle connects, no login) with small caps: the connections over the
 * caps are closed at once and counted, one WARN reports the burst, a SEA login from another address
 * still works, and the management port keeps answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.sea.listener.max-connections=30",
        "switchboard.sea.listener.max-unauthenticated-per-address=20",
        "switchboard.http.listeners.http.max-unauthenticated-per-address=2",
})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@Timeout(120)
class ListenerCapsIntegrationTest {

    @Autowired
    Environment environment;
    @Autowired
    ListenerRegistry registry;

    private final List<Socket> flood = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Socket socket : flood) {
            socket.close();
        }
    }

    private int seaPort() {
        return environment.getRequiredProperty("local.switchboard.sea.port", Integer.class);
    }

    private Socket connect(String source) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), seaPort()), 5000);
        socket.setSoTimeout(5000);
        flood.add(socket);
        return socket;
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void flood_whenMoreConnectsThanTheCaps_thenExtraOnesClosedCountedAndManagementStillAnswers(
            CapturedOutput output) throws IOException {
        ConnectionAdmission sea = registry.find("sea").orElseThrow().admission();
        ManagementClient management = new ManagementClient(environment, null, null);
        // 25 idle connects from one address: 20 are allowed to wait for their login, 5 are closed.
        List<Socket> one = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            one.add(connect("127.0.4.1"));
        }
        await().until(() -> sea.refused(ConnectionRefusal.UNAUTHENTICATED_PER_ADDRESS) == 5);
        assertThat(one.subList(20, 25).stream().filter(s -> {
            try {
                return closedByServer(s);
            } catch (IOException e) {
                return false;
            }
        }).count()).isEqualTo(5);
        // 30 more from other addresses: 10 fit under max-connections (30), 20 are closed.
        for (int i = 0; i < 30; i++) {
            connect("127.0.5." + (1 + i));
        }
        await().until(() -> sea.refused(ConnectionRefusal.MAX_CONNECTIONS) == 20);
        assertThat(sea.open()).isEqualTo(30);

        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        String metrics = management.get("/actuator/prometheus").body();
        assertThat(metrics).contains("switchboard_listener_connections_refused_total{listener=\"sea\","
                + "protocol=\"sea\",reason=\"max_connections\"} 20.0");
        assertThat(metrics).contains("switchboard_listener_connections_limit{listener=\"sea\",protocol=\"sea\"} 30.0");

        // One of the waiting connections logs in: it stops counting as unauthenticated, and after a few
        // flood connections leave, a real user gets in.
        for (Socket socket : flood.subList(25, 35)) {
            socket.close();
        }
        await().until(() -> sea.open() == 20);
        try (SeaTestClient user = SeaTestClient.connect(seaPort(), "127.0.6.1")) {
            user.login("User", "U");
            await().until(() -> sea.unauthenticated() == 20);
            user.expectNothingMore();
        }
        // One WARN for the whole burst, not one per refused connection.
        assertThat(output.getAll().lines().filter(l -> l.contains("refusing connections")).count()).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    void http_whenMoreConnectionsFromOneAddressThanTheUnauthenticatedCap_thenAllServed() throws IOException {
        int port = environment.getRequiredProperty("local.switchboard.http.port", Integer.class);
        List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(10_000);
                open.add(s);
            }
            for (Socket s : open) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(12);
                assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
