package dev.switchboard.packaging;

import static dev.switchboard.packaging.Charts.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart's cluster values: the engine and Redis settings in the rendered application.yml, the
 * Redis password from a Secret (the chart's or an existing one), the optional in-chart Redis, and the
 * refusals: several replicas on the local engine, redis without a Redis, both Redis sources at once.
 */
@Timeout(120)
class ChartClusterTest {

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cluster(RenderedChart chart) {
        String yaml = (String) chart.get("ConfigMap", FULLNAME).get("data").map().get("application.yml");
        Map<String, Object> app = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return (Map<String, Object>) ((Map<String, Object>) app.get("switchboard")).get("cluster");
    }

    private static Optional<Node> env(RenderedChart chart, String name) {
        return chart.container().list("env").stream().filter(v -> name.equals(v.string("name"))).findFirst();
    }

    @Test
    void template_whenDefaults_thenLocalEngineOneReplicaAndNoRedis() {
        RenderedChart chart = Charts.render();

        assertThat(cluster(chart)).containsEntry("engine", "local").containsEntry("heartbeat-interval", "2s")
                .containsEntry("node-timeout", "10s").doesNotContainKey("redis");
        assertThat(chart.ofKind("StatefulSet")).isEmpty();
        assertThat(chart.find("Secret", FULLNAME + "-redis")).isEmpty();
        assertThat(env(chart, "SWITCHBOARD_CLUSTER_REDIS_PASSWORD")).isEmpty();
    }

    @Test
    void template_whenReplicasAboveOneOnTheLocalEngine_thenRefusedSayingWhyAndWhatToDo() {
        String error = Charts.renderFailure(tmp, """
                replicaCount: 3
                """);

        assertThat(error).contains("replicaCount 3 with cluster.engine local")
                .contains("own SEA roster, rooms, bans, blacklist and settings")
                .contains("More than one replica needs cluster.engine redis");
    }

    @Test
    void template_whenReplicasAboveOneOnRedis_thenTheyFormOneServiceWithDistinctNodeIds() {
        RenderedChart chart = Charts.render(tmp, """
                replicaCount: 3
                cluster:
                  engine: redis
                  redis:
                    url: redis://redis:6379
                """);

        assertThat(chart.deployment().integer("spec.replicas")).isEqualTo(3);
        // node ids default to the host name, which is each pod's own name: none is rendered for all of them
        assertThat(cluster(chart)).containsEntry("engine", "redis").doesNotContainKey("node-id");
    }

    @Test
    void template_whenRedisEngine_thenRenderedWithTheUrlAndThePasswordFromTheChartSecret() {
        RenderedChart chart = Charts.render(tmp, """
                cluster:
                  engine: redis
                  nodeTimeout: 6s
                  redis:
                    url: rediss://redis.example:6380/1
                    password: from-values
                """);

        assertThat(chart.deployment().integer("spec.replicas")).isEqualTo(1);
        assertThat(cluster(chart)).containsEntry("engine", "redis").containsEntry("node-timeout", "6s")
                .containsEntry("redis", Map.of("url", "rediss://redis.example:6380/1"));
        Node password = env(chart, "SWITCHBOARD_CLUSTER_REDIS_PASSWORD").orElseThrow();
        assertThat(password.string("valueFrom.secretKeyRef.name")).isEqualTo(FULLNAME + "-redis");
        assertThat(password.string("valueFrom.secretKeyRef.key")).isEqualTo("password");
        assertThat(chart.get("Secret", FULLNAME + "-redis").string("data.password"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString("from-values".getBytes()));
        // the password never lands in the ConfigMap
        assertThat(chart.get("ConfigMap", FULLNAME).get("data").map().toString()).doesNotContain("from-values");
        assertThat(chart.ofKind("StatefulSet")).isEmpty();
    }

    @Test
    void template_whenRedisPasswordInAnExistingSecret_thenReferencedAndNoSecretMade() {
        RenderedChart chart = Charts.render(tmp, """
                cluster:
                  engine: redis
                  redis:
                    url: redis://redis:6379
                    existingSecret: redis-credentials
                    passwordKey: redis-password
                """);

        Node password = env(chart, "SWITCHBOARD_CLUSTER_REDIS_PASSWORD").orElseThrow();
        assertThat(password.string("valueFrom.secretKeyRef.name")).isEqualTo("redis-credentials");
        assertThat(password.string("valueFrom.secretKeyRef.key")).isEqualTo("redis-password");
        assertThat(chart.find("Secret", FULLNAME + "-redis")).isEmpty();
    }

    @Test
    void template_whenExternalRedisWithoutPassword_thenNoPasswordVariable() {
        RenderedChart chart = Charts.render(tmp, """
                cluster:
                  engine: redis
                  redis:
                    url: redis://redis:6379
                """);

        assertThat(env(chart, "SWITCHBOARD_CLUSTER_REDIS_PASSWORD")).isEmpty();
        assertThat(chart.find("Secret", FULLNAME + "-redis")).isEmpty();
    }

    @Test
    void template_whenInChartRedis_thenOneNonRootRedisWithProbesAndTheGatewayPointsAtIt() {
        RenderedChart chart = Charts.render(tmp, """
                cluster:
                  engine: redis
                redis:
                  enabled: true
                  persistence:
                    enabled: true
                    size: 2Gi
                """);

        String name = FULLNAME + "-redis";
        assertThat(cluster(chart)).containsEntry("redis", Map.of("url", "redis://" + name + ":6379/0"));
        Node redis = chart.get("StatefulSet", name);
        assertThat(redis.integer("spec.replicas")).isEqualTo(1);
        Node pod = redis.get("spec.template.spec");
        assertThat(pod.string("securityContext.runAsNonRoot")).isEqualTo("true");
        Node container = pod.list("containers").get(0);
        assertThat(container.string("image")).isEqualTo("docker.io/library/redis:7.4.2");
        assertThat(container.string("securityContext.readOnlyRootFilesystem")).isEqualTo("true");
        assertThat(container.has("readinessProbe.exec")).isTrue();
        assertThat(container.has("livenessProbe.tcpSocket")).isTrue();
        assertThat(container.at("args").toString()).contains("--appendonly, yes").contains("--requirepass, $(REDIS_PASSWORD)");
        assertThat(container.list("env").get(0).string("valueFrom.secretKeyRef.name")).isEqualTo(name);
        assertThat(redis.list("spec.volumeClaimTemplates").get(0).string("spec.resources.requests.storage"))
                .isEqualTo("2Gi");
        // the Redis pod must never be selected by the gateway's Deployment or Services
        Map<String, Object> redisLabels = redis.get("spec.template.metadata.labels").map();
        Map<String, Object> gatewaySelector = chart.deployment().get("spec.selector.matchLabels").map();
        assertThat(redisLabels.entrySet().containsAll(gatewaySelector.entrySet())).isFalse();
        assertThat(chart.get("Service", name).get("spec.selector").map()).isNotEqualTo(gatewaySelector);
        // generated on install, shared by Redis and the gateway
        assertThat(chart.get("Secret", name).string("data.password")).isNotBlank();
        assertThat(env(chart, "SWITCHBOARD_CLUSTER_REDIS_PASSWORD").orElseThrow()
                .string("valueFrom.secretKeyRef.name")).isEqualTo(name);
    }

    @Test
    void template_whenInChartRedisWithNetworkPolicies_thenOnlyTheGatewayReachesRedis() {
        RenderedChart chart = Charts.render(tmp, """
                cluster:
                  engine: redis
                redis:
                  enabled: true
                networkPolicy:
                  enabled: true
                """);

        Node policy = chart.get("NetworkPolicy", FULLNAME + "-redis");
        assertThat(policy.get("spec.podSelector.matchLabels").map())
                .isEqualTo(chart.get("StatefulSet", FULLNAME + "-redis").get("spec.selector.matchLabels").map());
        Node rule = policy.list("spec.ingress").get(0);
        assertThat(rule.list("from").get(0).get("podSelector.matchLabels").map())
                .isEqualTo(chart.deployment().get("spec.selector.matchLabels").map());
        assertThat(rule.list("ports").get(0).integer("port")).isEqualTo(6379);
    }

    @Test
    void template_whenRedisEngineWithoutARedis_thenRefused() {
        assertThat(Charts.renderFailure(tmp, """
                cluster:
                  engine: redis
                """)).contains("cluster.engine redis needs a Redis");
    }

    @Test
    void template_whenBothRedisSources_thenRefused() {
        assertThat(Charts.renderFailure(tmp, """
                cluster:
                  engine: redis
                  redis:
                    url: redis://elsewhere:6379
                redis:
                  enabled: true
                """)).contains("cluster.redis.url and redis.enabled are both set");
    }

    @Test
    void template_whenInChartRedisOnTheLocalEngine_thenRefused() {
        assertThat(Charts.renderFailure(tmp, """
                redis:
                  enabled: true
                """)).contains("redis.enabled deploys a Redis, but cluster.engine is local");
    }

    @Test
    void template_whenNodeTimeoutNotAboveHeartbeat_thenRefused() {
        assertThat(Charts.renderFailure(tmp, """
                cluster:
                  heartbeatInterval: 5s
                  nodeTimeout: 5s
                """)).contains("cluster.nodeTimeout 5s must be longer than cluster.heartbeatInterval 5s");
    }

    @Test
    void template_whenUrlIsNotRedis_thenRefusedBySchema() {
        assertThat(Charts.renderFailure(tmp, """
                cluster:
                  engine: redis
                  redis:
                    url: http://redis:6379
                """)).contains("url");
    }
}
