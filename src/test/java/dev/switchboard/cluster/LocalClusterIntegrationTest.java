package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.ManagementClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on its default {@code local} engine: the {@code cluster} endpoint, info and readiness, and
 * operator state (bans, blacklist, SEA settings) set through the API surviving a restart in the data directory.
 */
@Timeout(120)
class LocalClusterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext gateway() {
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(
                "--switchboard.admin.password=pw", "--switchboard.cluster.node-id=solo",
                "--switchboard.cluster.data-dir=" + dataDir);
    }

    private static ManagementClient admin(ConfigurableApplicationContext context) {
        return new ManagementClient(context.getEnvironment(), "admin", "pw");
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** One test, two gateway starts: each start costs seconds on a loaded machine. */
    @Test
    void gateway_whenRestarted_thenOperatorStateSetThroughTheApiIsStillThere_andTheClusterIsOneLocalNode()
            throws Exception {
        try (ConfigurableApplicationContext first = gateway()) {
            ManagementClient api = admin(first);
            clusterEndpointInfoAndReadinessShowOneLocalNode(first, api);

            json(api.post("/actuator/bans", "{\"address\":\"10.9.0.0/16\",\"timeout\":\"2h\"}"));
            json(api.post("/actuator/bans", "{\"address\":\"198.51.100.7\",\"permanent\":true}"));
            json(api.post("/actuator/bans", "{\"address\":\"203.0.113.0/24\",\"timeout\":\"1h\"}"));
            assertThat(api.delete("/actuator/bans/203.0.113.0/24").statusCode()).isEqualTo(200);
            json(api.post("/actuator/blacklist", "{\"pattern\":\"*evil*\"}"));
            json(api.post("/actuator/sea", "{\"strict\":true,\"floodThreshold\":9}"));
            json(api.post("/actuator/bans", "{\"defaultTimeout\":\"15m\"}"));
            // stored right after the API answers, not only at shutdown
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(Files.readString(dataDir.resolve("sea-operator-state.json"))).contains("10.9.0.0/16")
                            .contains("*evil*").contains("\"floodThreshold\":9").contains("\"banTimeoutSeconds\":900")
                            .doesNotContain("203.0.113.0"));
        }

        try (ConfigurableApplicationContext second = gateway()) {
            ManagementClient api = admin(second);
            JsonNode bans = json(api.get("/actuator/bans"));
            assertThat(bans.findValuesAsString("address")).containsExactly("198.51.100.7", "10.9.0.0/16");
            assertThat(bans.get(0).get("permanent").asBoolean()).isTrue();
            assertThat(json(api.get("/actuator/blacklist")).toString()).isEqualTo("[\"*evil*\"]");
            JsonNode settings = json(api.get("/actuator/sea")).get("settings");
            assertThat(settings.get("strict").asBoolean()).isTrue();
            assertThat(settings.get("floodThreshold").asInt()).isEqualTo(9);
            assertThat(settings.get("banTimeout").asText()).isEqualTo("PT15M");
        }
    }

    private void clusterEndpointInfoAndReadinessShowOneLocalNode(ConfigurableApplicationContext gateway,
                                                                 ManagementClient api) {
        JsonNode cluster = json(api.get("/actuator/cluster"));
        assertThat(cluster.get("engine").asText()).isEqualTo("local");
        assertThat(cluster.get("nodeId").asText()).isEqualTo("solo");
        assertThat(cluster.get("backplane").asText()).isEqualTo("UP");
        assertThat(cluster.get("store").asText()).isEqualTo(dataDir.toAbsolutePath().normalize().toString());
        assertThat(cluster.get("nodes").findValuesAsString("id")).containsExactly("solo");
        assertThat(cluster.get("nodes").get(0).get("lastHeartbeat").asText()).isNotBlank();

        JsonNode info = json(api.get("/actuator/info"));
        assertThat(info.at("/cluster/engine").asText()).isEqualTo("local");
        assertThat(info.at("/cluster/nodeId").asText()).isEqualTo("solo");

        JsonNode readiness = json(api.get("/actuator/health/readiness"));
        assertThat(readiness.at("/components/cluster/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/cluster/details/engine").asText()).isEqualTo("local");
        assertThat(api.anonymous().get("/actuator/cluster").statusCode()).isEqualTo(401);
        // Boot's own Redis beans would connect (and fail health) without a Redis: they must not exist
        assertThat(gateway.getBeanNamesForType(
                org.springframework.data.redis.connection.RedisConnectionFactory.class)).isEmpty();
    }
}
