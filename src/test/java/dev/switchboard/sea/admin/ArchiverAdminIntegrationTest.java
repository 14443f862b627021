package dev.switchboard.sea.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.ManagementClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.admin.password=pw",
        "switchboard.sea.archiver.url=tcp://127.0.0.1:1",
        "switchboard.sea.archiver.required=true",
        "switchboard.sea.archiver.reconnect-interval=200ms",
        "switchboard.sea.archiver.ping-interval=100ms"})
@Timeout(60)
class ArchiverAdminIntegrationTest {

    @Autowired
    Environment environment;

    private ManagementClient operator;

    @BeforeEach
    void setUp() {
        operator = new ManagementClient(environment, "admin", "pw");
    }

    @Test
    void archiver_whenRequiredAndUnreachable_thenReadinessDownUntilTargetSwitchedToLiveArchiver() throws Exception {
        operator.post("/actuator/archiver", "{\"target\":\"tcp://127.0.0.1:1\"}");
        await().until(() -> operator.anonymous().get("/actuator/health/readiness").statusCode() == 503);
        assertThat(operator.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        try (ServerSocket archiver = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var switched = operator.post("/actuator/archiver",
                    "{\"target\":\"tcp://127.0.0.1:" + archiver.getLocalPort() + "\"}");
            assertThat(switched.statusCode()).isEqualTo(200);
            try (Socket connection = archiver.accept()) {
                connection.setSoTimeout(5000);
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                assertThat(lines.readLine()).startsWith("TIME ");
                await().until(() -> operator.anonymous().get("/actuator/health/readiness").statusCode() == 200);
                assertThat(operator.get("/actuator/archiver").body()).contains("\"connected\":true");
            }
        }
    }

    @Test
    void archiver_whenInvalidInput_thenBadRequestAndTargetUnchanged() {
        String before = operator.get("/actuator/archiver").body();
        var bad = operator.post("/actuator/archiver", "{\"target\":\"ftp://nowhere\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("error");
        assertThat(operator.post("/actuator/archiver", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
        assertThat(operator.anonymous().get("/actuator/archiver").statusCode()).isEqualTo(401);
        assertThat(operator.get("/actuator/archiver").body()).contains(before.substring(0, before.indexOf(",")));
    }

    @Test
    void archiver_whenReconnectForced_thenAccepted() {
        var response = operator.post("/actuator/archiver", "{\"action\":\"reconnect\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"target\":").contains("\"state\":");
    }
}
