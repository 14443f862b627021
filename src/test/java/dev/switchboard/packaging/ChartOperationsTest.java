package dev.switchboard.packaging;

import static dev.switchboard.packaging.Charts.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's operator-facing features rendered by the real Helm library: extension points through
 * values alone, Ingress and HTTPRoute, the dashboard and alert rules, the {@code helm test} pod, the
 * memory budget, checksums that roll the pods, and the settings it refuses with a reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ChartOperationsTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private RenderedChart defaults;

    @BeforeAll
    void renderWithDefaultValues() {
        defaults = Charts.render();
    }

    @Test
    void template_whenIngressExtraEnvAndSidecarGivenAsValues_thenAllAreRendered() {
        var chart = Charts.render(tmp, """
                ingress:
                  enabled: true
                  className: nginx
                  hosts:
                    - host: chat.example.com
                      paths:
                        - path: /
                          pathType: Prefix
                          port: http
                extraEnv:
                  - name: SWITCHBOARD_ROOMS_HISTORY_SIZE
                    value: "50"
                extraEnvFrom:
                  - configMapRef:
                      name: site-settings
                extraVolumes:
                  - name: spool
                    emptyDir: {}
                extraVolumeMounts:
                  - name: spool
                    mountPath: /app/spool
                sidecars:
                  - name: log-shipper
                    image: registry.example.com/shipper:2.1
                    volumeMounts:
                      - name: spool
                        mountPath: /spool
                initContainers:
                  - name: prepare
                    image: registry.example.com/tools:1.0
                """);
        var ingress = chart.get("Ingress", FULLNAME);
        var pod = chart.deployment().get("spec.template.spec");
        var gateway = chart.container();

        var backend = ingress.list("spec.rules").get(0).list("http.paths").get(0).get("backend.service");
        assertThat(ingress.string("spec.ingressClassName")).isEqualTo("nginx");
        assertThat(backend.string("name")).isEqualTo(FULLNAME);
        assertThat(chart.get("Service", FULLNAME).list("spec.ports").stream().map(p -> p.string("name")))
                .contains(backend.string("port.name"));
        assertThat(ingress.get("metadata.annotations").map())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        assertThat(gateway.list("env").stream().map(e -> e.string("name"))).contains("SWITCHBOARD_ROOMS_HISTORY_SIZE");
        assertThat(gateway.list("envFrom").get(0).string("configMapRef.name")).isEqualTo("site-settings");
        assertThat(gateway.list("volumeMounts").stream().map(m -> m.string("mountPath"))).contains("/app/spool");
        assertThat(pod.list("containers").stream().map(c -> c.string("name")))
                .containsExactly("switchboard", "log-shipper");
        assertThat(pod.list("volumes").stream().map(v -> v.string("name"))).contains("spool");
        assertThat(pod.list("initContainers").get(0).string("name")).isEqualTo("prepare");
    }

    @Test
    void template_whenDefaultValues_thenNoIngressRouteDashboardOrRules() {
        assertThat(defaults.ofKind("Ingress")).isEmpty();
        assertThat(defaults.ofKind("HTTPRoute")).isEmpty();
        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.ofKind("ConfigMap")).hasSize(1);
        assertThat(defaults.deployment().get("spec.template.spec").has("initContainers")).isFalse();
    }

    @Test
    void template_whenIngressAnnotationsGiven_thenTheyOverrideTheTimeouts() {
        var chart = Charts.render(tmp, """
                ingress:
                  enabled: true
                  websocketTimeoutSeconds: 900
                  annotations:
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"
                  hosts:
                    - host: chat.example.com
                      paths:
                        - path: /
                          pathType: Prefix
                          port: http-legacy
                """);

        assertThat(chart.get("Ingress", FULLNAME).get("metadata.annotations").map())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "120")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "900");
    }

    @Test
    void template_whenIngressPathGoesToADisabledListener_thenRefusedWithTheReason() {
        String error = Charts.renderFailure(tmp, """
                listeners:
                  httpLegacy:
                    enabled: false
                ingress:
                  enabled: true
                  hosts:
                    - host: chat.example.com
                      paths:
                        - path: /
                          pathType: Prefix
                          port: http-legacy
                """);

        assertThat(error).contains("ingress: path / goes to port http-legacy, whose listener is disabled");
    }

    @Test
    void template_whenHttpRouteEnabled_thenItSendsToTheHttpPortWithTheRequestTimeoutOff() {
        var chart = Charts.render(tmp, """
                httpRoute:
                  enabled: true
                  parentRefs:
                    - name: public
                      namespace: gateway-system
                  hostnames:
                    - chat.example.com
                """);
        var route = chart.get("HTTPRoute", FULLNAME);
        var rule = route.list("spec.rules").get(0);

        assertThat(route.string("apiVersion")).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.list("spec.parentRefs").get(0).string("name")).isEqualTo("public");
        assertThat(rule.list("backendRefs").get(0).map()).containsEntry("name", FULLNAME).containsEntry("port", 8080);
        assertThat(rule.string("timeouts.request")).isEqualTo("0s");
    }

    @Test
    void template_whenHttpRouteHasNoGateway_thenRefusedWithTheReason() {
        String error = Charts.renderFailure(tmp, """
                httpRoute:
                  enabled: true
                """);

        assertThat(error).contains("httpRoute.parentRefs needs the Gateway to attach to");
    }

    @Test
    void template_whenReplicaCountAboveOne_thenRefusedSayingWhy() {
        String error = Charts.renderFailure(tmp, """
                replicaCount: 2
                """);

        assertThat(error).contains("replicaCount 2 with cluster.engine local").contains("own SEA roster, rooms")
                .contains("needs cluster.engine redis");
    }

    /** The setting once promised for several replicas never existed; the engine is switchboard.cluster.engine. */
    @Test
    void projectFiles_whenRead_thenNoMentionOfTheNonExistentClusterEnabledSetting() throws IOException {
        var mentions = new ArrayList<String>();
        List<Path> roots = List.of(ProjectFiles.CHART, Path.of("src", "docs"), Path.of("config"), Path.of("README.md"),
                Path.of("src", "main"), Path.of("src", "test", "resources"));
        Pattern enabled = Pattern.compile("switchboard\\.cluster\\.enabled|SWITCHBOARD_CLUSTER_ENABLED");
        for (Path root : roots) {
            try (var files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if ((name.endsWith(".md") || name.endsWith(".yaml") || name.endsWith(".yml")
                            || name.endsWith(".json") || name.endsWith(".tpl") || name.endsWith(".txt")
                            || name.endsWith(".java")) && enabled.matcher(Files.readString(file)).find()) {
                        mentions.add(file.toString());
                    }
                }
            }
        }

        assertThat(mentions).isEmpty();
    }

    @ParameterizedTest(name = "interval {0}, scrapeTimeout {1}")
    @CsvSource({"30s, 31s", "1m, 1m1s", "500ms, 1s", "1m30s, 2m"})
    void template_whenScrapeTimeoutExceedsInterval_thenRefused(String interval, String timeout) {
        String error = Charts.renderFailure(tmp, """
                monitoring:
                  serviceMonitor:
                    enabled: true
                    interval: %s
                    scrapeTimeout: %s
                """.formatted(interval, timeout));

        assertThat(error).contains("scrapeTimeout " + timeout + " exceeds interval " + interval);
    }

    @Test
    void template_whenScrapeTimeoutEqualsInterval_thenAccepted() {
        var chart = Charts.render(tmp, """
                monitoring:
                  serviceMonitor:
                    enabled: true
                    interval: 1m
                    scrapeTimeout: 60s
                """);

        assertThat(chart.get("ServiceMonitor", FULLNAME).list("spec.endpoints").get(0).string("scrapeTimeout"))
                .isEqualTo("60s");
    }

    @Test
    void template_whenProbeTimeoutExceedsItsPeriod_thenRefused() {
        String error = Charts.renderFailure(tmp, """
                probes:
                  readiness:
                    periodSeconds: 5
                    timeoutSeconds: 6
                """);

        assertThat(error).contains("probes.readiness: timeoutSeconds (6) exceeds periodSeconds (5)");
    }

    @Test
    void template_whenAdminPasswordChanges_thenSecretChecksumChangesAndConfigChecksumDoesNot() {
        var first = Charts.render(tmp, """
                admin:
                  password: first-password
                """);
        var again = Charts.render(tmp, """
                admin:
                  password: first-password
                """);
        var changed = Charts.render(tmp, """
                admin:
                  password: second-password
                """);

        assertThat(secretChecksum(first)).matches("[0-9a-f]{64}").isEqualTo(secretChecksum(again))
                .isNotEqualTo(secretChecksum(changed));
        assertThat(configChecksum(first)).isEqualTo(configChecksum(changed));
        // A generated password is rendered only on install: the checksum must not follow it.
        assertThat(secretChecksum(defaults)).isEqualTo(secretChecksum(Charts.render()));
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"768Mi, 768", "1Gi, 1024", "1.5Gi, 1536", "2048Mi, 2048", "1000M, 953"})
    void template_whenMemoryLimitGiven_thenHeapAndDirectMemoryAreItsSharesAndTheBudgetFits(String limit, int limitMiB) {
        var chart = Charts.render(tmp, """
                resources:
                  requests:
                    memory: %1$s
                  limits:
                    memory: %1$s
                """.formatted(limit));
        var options = javaToolOptions(chart);
        long heap = option(options, "-Xmx");
        long direct = option(options, "-XX:MaxDirectMemorySize=");
        long metaspace = option(options, "-XX:MaxMetaspaceSize=");
        long codeCache = option(options, "-XX:ReservedCodeCacheSize=");

        assertThat(options).contains("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(heap).isEqualTo(limitMiB * 35L / 100);
        assertThat(direct).isEqualTo(limitMiB * 25L / 100);
        assertThat(limitMiB - heap - direct - metaspace - codeCache).isGreaterThanOrEqualTo(128);
        assertThat(chart.container().list("env").stream().filter(e -> "MALLOC_ARENA_MAX".equals(e.string("name")))
                .findFirst().orElseThrow().string("value")).isEqualTo("2");
    }

    @Test
    void template_whenJvmValuesChanged_thenOptionsFollowAndExtraOptionsComeLast() {
        var options = javaToolOptions(Charts.render(tmp, """
                jvm:
                  gc: Serial
                  heapPercent: 50
                  directMemoryPercent: 10
                  extraOptions: "-Xss512k -XX:+PrintFlagsFinal"
                """));

        assertThat(options).startsWith("-XX:+UseSerialGC").contains("-Xmx384m", "-XX:MaxDirectMemorySize=76m")
                .endsWith("-Xss512k", "-XX:+PrintFlagsFinal");
    }

    @Test
    void template_whenTheLimitCannotHoldTheBudget_thenRefusedWithTheArithmetic() {
        String error = Charts.renderFailure(tmp, """
                resources:
                  limits:
                    memory: 512Mi
                """);

        assertThat(error).contains("memory limit 512 MiB - heap 179 MiB (35%) - direct 128 MiB (25%)"
                + " - metaspace 128 MiB - code cache 48 MiB leaves 29 MiB, below jvm.nativeReserveMiB (128 MiB)");
    }

    @Test
    void template_whenNoMemoryLimit_thenRefusedBecauseTheBudgetNeedsOne() {
        String error = Charts.renderFailure(tmp, """
                resources:
                  limits:
                    memory: null
                """);

        assertThat(error).contains("values don't meet the specifications of the schema").contains("memory");
    }

    @Test
    void template_whenDashboardEnabled_thenSidecarFindsAConfigMapWithParsableDashboardJson() {
        var chart = Charts.render(tmp, """
                monitoring:
                  grafanaDashboard:
                    enabled: true
                """);
        var configMap = chart.get("ConfigMap", FULLNAME + "-dashboard");
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree((String) configMap.get("data").map().get("switchboard.json"));
        var titles = new ArrayList<String>();
        var expressions = new ArrayList<String>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asString());
            if (panel.has("targets")) {
                panel.get("targets").forEach(t -> expressions.add(t.get("expr").asString()));
            }
        }

        assertThat(configMap.get("metadata.labels").map()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.get("uid").asString()).isEqualTo("switchboard-gateway");
        assertThat(titles).contains("Open connections by listener", "Logins and accepted connections",
                "Messages received per protocol", "Deliveries per protocol", "Delivery lag", "Slow-consumer kills",
                "SEA archiver", "Event-loop pending tasks", "Connections against the listener cap", "Input budget",
                "Heap", "Direct memory");
        assertThat(String.join("\n", expressions)).contains("switchboard_listener_connections",
                "switchboard_sea_logins_total", "switchboard_sea_messages_total", "switchboard_rooms_messages_out_total",
                "_delivery_lag_seconds_bucket", "histogram_quantile(0.99", "switchboard_sea_bans",
                "switchboard_sea_archiver_queued", "switchboard_netty_event_loop_pending_tasks",
                "jvm_buffer_memory_used_bytes{id=\"direct\"");
        expressions.forEach(e -> assertThat(balanced(e)).as(e).isTrue());
        expressions.forEach(e -> assertThat(e).as(e).contains("namespace=\"$namespace\", pod=~\"$pod\""));
    }

    @Test
    void template_whenPrometheusRuleEnabled_thenAlertsParseAndCoverTheGatewaysFailures() {
        var chart = Charts.render(tmp, """
                monitoring:
                  prometheusRule:
                    enabled: true
                    alertLabels:
                      team: messaging
                """);
        var rule = chart.get("PrometheusRule", FULLNAME);
        var rules = rule.list("spec.groups").get(0).list("rules");
        Map<String, Node> alerts = new java.util.TreeMap<>();
        rules.forEach(r -> alerts.put(r.string("alert"), r));
        long directCap = option(javaToolOptions(chart), "-XX:MaxDirectMemorySize=") * MIB;

        assertThat(rule.string("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(alerts).containsOnlyKeys("SwitchboardNotReady", "SwitchboardScrapeDown",
                "SwitchboardArchiverDisconnected", "SwitchboardDeliveryLagHigh", "SwitchboardSlowConsumerStorm",
                "SwitchboardConnectionsNearLimit", "SwitchboardDirectMemoryNearCap");
        for (Node alert : rules) {
            assertThat(balanced(alert.string("expr"))).as(alert.string("expr")).isTrue();
            assertThat(alert.string("for")).matches("[0-9]+m");
            assertThat(alert.get("labels").map()).containsKey("severity").containsEntry("team", "messaging");
            assertThat(alert.string("annotations.summary")).isNotBlank();
        }
        assertThat(alerts.get("SwitchboardNotReady").string("expr")).contains("kube_pod_status_ready")
                .contains("namespace=\"" + Charts.NAMESPACE + "\"");
        assertThat(alerts.get("SwitchboardArchiverDisconnected").string("expr"))
                .contains("switchboard_sea_archiver_connected");
        assertThat(alerts.get("SwitchboardDeliveryLagHigh").string("expr"))
                .contains("_delivery_lag_seconds_bucket").endsWith("> 1");
        assertThat(alerts.get("SwitchboardSlowConsumerStorm").string("expr")).contains("slow[-_]consumer");
        assertThat(alerts.get("SwitchboardConnectionsNearLimit").string("expr"))
                .contains("switchboard_listener_connections_limit").endsWith("> 90 / 100");
        // The alert compares against the very cap the chart passes to the JVM.
        assertThat(alerts.get("SwitchboardDirectMemoryNearCap").string("expr"))
                .contains("jvm_buffer_memory_used_bytes").endsWith("> " + directCap + " * 85 / 100");
    }

    @Test
    void templateWithHooks_whenDefaultValues_thenTestPodChecksReadinessAndAWebSocketHandshake() {
        var chart = Charts.renderWithHooks(tmp, "{}\n");
        var pod = chart.get("Pod", FULLNAME + "-test");
        var container = pod.list("spec.containers").get(0);
        Map<String, String> env = new java.util.TreeMap<>();
        container.list("env").forEach(e -> env.put(e.string("name"), e.string("value")));
        String script = container.list("args").get(0).node().toString();

        assertThat(pod.get("metadata.annotations").map()).containsEntry("rendered-by-test/hook", "test");
        assertThat(pod.string("spec.restartPolicy")).isEqualTo("Never");
        assertThat(container.at("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(env).containsEntry("READINESS_URL",
                        "http://" + FULLNAME + "-management:8081/actuator/health/readiness")
                .containsEntry("WEBSOCKET_URL", "http://" + FULLNAME + ":8080/ws");
        // RFC 6455 §1.3: this key's accept value; anything but a real handshake fails the test pod.
        assertThat(script).contains("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")
                .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").contains("' 101 '").contains("\"status\":\"UP\"");
    }

    @Test
    void templateWithHooks_whenOnlyTheLegacyHttpListenerIsOn_thenTheHandshakeUsesIt() {
        var chart = Charts.renderWithHooks(tmp, """
                listeners:
                  http:
                    enabled: false
                """);
        var container = chart.get("Pod", FULLNAME + "-test").list("spec.containers").get(0);

        assertThat(container.list("env").stream().map(e -> e.string("value")))
                .contains("http://" + FULLNAME + ":25021/ws");
    }

    @Test
    void templateWithHooks_whenTestsDisabled_thenNoTestPod() {
        assertThat(Charts.renderWithHooks(tmp, "tests:\n  enabled: false\n").ofKind("Pod")).isEmpty();
    }

    @Test
    void chart_whenRead_thenDeclaresItsKubernetesVersionAndMaintainers() throws IOException {
        Map<String, Object> chartYaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ProjectFiles.CHART.resolve("Chart.yaml")));

        assertThat(chartYaml.get("kubeVersion")).isEqualTo(">=1.21.0-0");
        assertThat(new Node(chartYaml).list("maintainers")).isNotEmpty();
        var tooOld = new Helm(ProjectFiles.CHART).template().withName(Charts.RELEASE).withKubeVersion("v1.20.0");
        try {
            tooOld.call();
            throw new AssertionError("rendered for Kubernetes 1.20, which has no policy/v1 PodDisruptionBudget");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("kubeVersion");
        }
    }

    @Test
    void template_whenASidecarHasNoImage_thenTheSchemaRefusesIt() {
        String error = Charts.renderFailure(tmp, """
                sidecars:
                  - name: shipper
                """);

        assertThat(error).contains("values don't meet the specifications of the schema").contains("image");
    }

    private static String secretChecksum(RenderedChart chart) {
        return chart.deployment().string("spec.template.metadata.annotations.checksum/admin-secret");
    }

    private static String configChecksum(RenderedChart chart) {
        return chart.deployment().string("spec.template.metadata.annotations.checksum/config");
    }

    private static List<String> javaToolOptions(RenderedChart chart) {
        return List.of(chart.container().list("env").stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.string("name")))
                .findFirst().orElseThrow().string("value").split(" "));
    }

    /** The MiB value of a JVM size option such as -Xmx268m. */
    private static long option(List<String> options, String prefix) {
        String option = options.stream().filter(o -> o.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + options));
        assertThat(option).endsWith("m");
        return Long.parseLong(option.substring(prefix.length(), option.length() - 1));
    }

    /** Parentheses, brackets and braces nest properly outside double-quoted strings. */
    private static boolean balanced(String expression) {
        var open = new ArrayList<Character>();
        boolean quoted = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                open.add(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                if (open.isEmpty() || "([{".indexOf(open.remove(open.size() - 1)) != ")]}".indexOf(c)) {
                    return false;
                }
            }
        }
        return open.isEmpty() && !quoted;
    }
}
