package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.ManagementClient;
import dev.switchboard.support.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateways on the {@code redis} engine against one real redis-server: both in the {@code cluster}
 * endpoint; a gateway started later loads the bans stored through the other; a ban on one reaches the
 * other; with Redis stopped readiness is DOWN and says why, and when Redis comes back (restarted empty,
 * without persistence) readiness is UP again and the node has written its operator state back.
 */
@Timeout(180)
class RedisClusterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.startEphemeral();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static ConfigurableApplicationContext gateway(String nodeId) {
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(
                "--switchboard.admin.password=pw", "--switchboard.cluster.engine=redis",
                "--switchboard.cluster.redis.url=" + redis.url(), "--switchboard.cluster.node-id=" + nodeId,
                "--switchboard.cluster.heartbeat-interval=200ms", "--switchboard.cluster.node-timeout=2s");
    }

    private static ManagementClient admin(ConfigurableApplicationContext context) {
        return new ManagementClient(context.getEnvironment(), "admin", "pw");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static List<String> bans(ManagementClient api) {
        return json(api.get("/actuator/bans")).findValuesAsString("address");
    }

    /** One test, two gateway starts: each start costs seconds on a loaded machine. */
    @Test
    void twoGateways_whenSharingRedis_thenOneClusterWithSharedDurableOperatorStateThatSurvivesRedisRestart() {
        try (ConfigurableApplicationContext a = gateway("node-a")) {
            ManagementClient apiA = admin(a);
            assertThat(apiA.post("/actuator/bans", "{\"address\":\"10.9.0.0/16\",\"timeout\":\"2h\"}").statusCode())
                    .isEqualTo(200);
            assertThat(apiA.post("/actuator/blacklist", "{\"pattern\":\"*evil*\"}").statusCode()).isEqualTo(200);

            try (ConfigurableApplicationContext b = gateway("node-b")) {
                ManagementClient apiB = admin(b);
                // a gateway that never saw the ban finds it in Redis at startup
                assertThat(bans(apiB)).containsExactly("10.9.0.0/16");
                assertThat(json(apiB.get("/actuator/blacklist")).toString()).isEqualTo("[\"*evil*\"]");

                await().atMost(WAIT).until(() -> json(apiA.get("/actuator/cluster")).get("nodes")
                        .findValuesAsString("id").equals(List.of("node-a", "node-b")));
                JsonNode cluster = json(apiB.get("/actuator/cluster"));
                assertThat(cluster.get("engine").asText()).isEqualTo("redis");
                assertThat(cluster.get("nodeId").asText()).isEqualTo("node-b");
                assertThat(cluster.get("backplane").asText()).isEqualTo("UP");
                assertThat(cluster.get("store").asText()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0");
                assertThat(json(apiB.get("/actuator/info")).at("/cluster/engine").asText()).isEqualTo("redis");

                // a ban set on one node reaches the other
                assertThat(apiB.post("/actuator/bans", "{\"address\":\"198.51.100.7\",\"permanent\":true}")
                        .statusCode()).isEqualTo(200);
                await().atMost(WAIT).until(() -> bans(apiA).contains("198.51.100.7"));

                a.close();
                await().atMost(WAIT).until(() -> json(apiB.get("/actuator/cluster")).get("nodes")
                        .findValuesAsString("id").equals(List.of("node-b")));

                redis.stop();
                await().atMost(WAIT).until(() -> apiB.get("/actuator/health/readiness").statusCode() == 503);
                JsonNode down = json(apiB.get("/actuator/health/readiness"));
                assertThat(down.at("/components/cluster/status").asText()).isEqualTo("DOWN");
                assertThat(down.at("/components/cluster/details/reason").asText())
                        .contains("127.0.0.1:" + redis.port());
                assertThat(json(apiB.get("/actuator/cluster")).get("backplane").asText()).isEqualTo("DOWN");
                // liveness never depends on the backplane
                assertThat(apiB.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

                // restarted without persistence: Redis comes back empty and the node writes its state back
                redis.start();
                await().atMost(WAIT).until(() -> apiB.get("/actuator/health/readiness").statusCode() == 200);
                await().atMost(WAIT).until(() -> redis.command("GET", "switchboard:state:sea-operator-state")
                        .contains("198.51.100.7"));
                assertThat(redis.command("GET", "switchboard:state:sea-operator-state")).contains("10.9.0.0/16")
                        .contains("*evil*");
                assertThat(bans(apiB)).containsExactlyInAnyOrder("10.9.0.0/16", "198.51.100.7");
            }
        }
    }
}
