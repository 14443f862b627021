package dev.switchboard.packaging;

import static dev.switchboard.packaging.Charts.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.marcnuri.helm.DryRun;
import dev.switchboard.core.admin.AdminProperties;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Lints and renders helm/switchboard with the real Helm library and checks the manifests against the
 * application's defaults in config/application.yml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HelmChartTest {

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    @TempDir
    Path tmp;

    private AppDefaults app;
    private RenderedChart defaults;

    @BeforeAll
    void renderWithDefaultValues() throws IOException {
        app = AppDefaults.load();
        defaults = Charts.render();
    }

    @Test
    void lint_whenDefaultValues_thenPassesInStrictMode() {
        var result = new Helm(ProjectFiles.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chart_whenRead_thenAppVersionIsTheProjectVersionAndTheDefaultImageTag() throws IOException {
        Map<String, Object> chartYaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ProjectFiles.CHART.resolve("Chart.yaml")));
        var pom = Pattern.compile("<artifactId>switchboard</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).as("project version in pom.xml").isTrue();

        assertThat(chartYaml.get("appVersion")).isEqualTo(pom.group(1).replace("-SNAPSHOT", ""));
        assertThat(defaults.container().string("image")).isEqualTo("switchboard:" + chartYaml.get("appVersion"));
    }

    @Test
    void template_whenDefaultValues_thenContainerPortsMatchAppDefaults() {
        var ports = containerPorts(defaults);

        assertThat(ports.get("TCP")).containsExactlyInAnyOrderEntriesOf(withManagement(app));
        assertThat(ports.get("UDP")).containsExactlyInAnyOrderEntriesOf(app.udpPorts());
    }

    @Test
    void template_whenDefaultValues_thenRenderedApplicationYamlEqualsAppDefaults() {
        assertThat(renderedConfig(defaults)).isEqualTo(app);
    }

    @Test
    void template_whenDefaultValues_thenProbesUseHealthGroupsOnManagementPort() {
        var container = defaults.container();

        assertThat(container.string("startupProbe.httpGet.path")).isEqualTo(LIVENESS);
        assertThat(container.string("livenessProbe.httpGet.path")).isEqualTo(LIVENESS);
        assertThat(container.string("readinessProbe.httpGet.path")).isEqualTo(READINESS);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String port = container.string(probe + ".httpGet.port");
            assertThat(containerPortNumber(container, port)).as(probe).isEqualTo(app.managementPort());
        }
    }

    @Test
    void template_whenDefaultValues_thenPodRunsNonRootReadOnlyWithoutCapabilities() {
        var pod = defaults.deployment().get("spec.template.spec");
        var container = defaults.container();

        assertThat(pod.at("securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.integer("securityContext.runAsUser")).isPositive();
        assertThat(pod.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(container.at("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.at("securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(container.at("securityContext.privileged")).isEqualTo(false);
        assertThat(container.at("securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(container.has("securityContext.capabilities.add")).isFalse();
        assertThat(pod.at("automountServiceAccountToken")).isEqualTo(false);
        assertThat(pod.at("enableServiceLinks")).isEqualTo(false);
    }

    @Test
    void template_whenDefaultValues_thenOnlyTmpDataAndLogsAreWritable() {
        var pod = defaults.deployment().get("spec.template.spec");
        Map<String, Node> volumes = pod.list("volumes").stream()
                .collect(Collectors.toMap(v -> v.string("name"), v -> v));
        var writable = new TreeMap<String, String>();
        for (Node mount : defaults.container().list("volumeMounts")) {
            if (!Boolean.TRUE.equals(mount.at("readOnly"))) {
                writable.put(mount.string("mountPath"), mount.string("name"));
            } else {
                assertThat(mount.string("mountPath")).startsWith("/app/config/");
            }
        }

        assertThat(writable).containsOnlyKeys("/tmp", "/app/data", "/app/logs");
        writable.values().forEach(name -> assertThat(volumes.get(name).has("emptyDir")).as(name).isTrue());
    }

    @Test
    void template_whenDefaultValues_thenConfigMapIsMountedWhereSpringLayersItOverTheImageConfig() {
        var pod = defaults.deployment().get("spec.template.spec");
        var configVolume = pod.list("volumes").stream()
                .filter(v -> FULLNAME.equals(v.string("configMap.name"))).findFirst().orElseThrow();
        var mount = defaults.container().list("volumeMounts").stream()
                .filter(m -> configVolume.string("name").equals(m.string("name"))).findFirst().orElseThrow();

        // Spring Boot loads ./config/*/application.yml after ./config/application.yml (working dir /app).
        assertThat(Path.of(mount.string("mountPath")).getParent()).isEqualTo(Path.of("/app/config"));
        assertThat(defaults.get("ConfigMap", FULLNAME).map().get("data")).asInstanceOf(MAP)
                .containsOnlyKeys("application.yml");
    }

    @Test
    void template_whenDefaultValues_thenGracePeriodCoversPreStopAndDrain() {
        int grace = defaults.deployment().integer("spec.template.spec.terminationGracePeriodSeconds");
        long preStop = preStopSleepSeconds(defaults);
        var springPhase = SpringYaml.parse("rendered", renderedApplicationYaml(defaults))
                .duration("spring.lifecycle.timeout-per-shutdown-phase");

        assertThat(preStop).isPositive();
        assertThat(grace).isGreaterThan((int) (preStop + app.drainTimeout().toSeconds()));
        // Spring must not cut the drain short, and must be done before Kubernetes sends SIGKILL.
        assertThat(springPhase).isGreaterThan(app.drainTimeout());
        assertThat(preStop + springPhase.toSeconds()).isLessThan(grace);
    }

    @Test
    void template_whenDrainTimeoutRaised_thenConfigAndGracePeriodFollow() {
        var chart = Charts.render(tmp, """
                shutdown:
                  drainTimeoutSeconds: 90
                """);
        int grace = chart.deployment().integer("spec.template.spec.terminationGracePeriodSeconds");

        assertThat(renderedConfig(chart).drainTimeout()).hasSeconds(90);
        assertThat(grace).isGreaterThan((int) (preStopSleepSeconds(chart) + 90));
    }

    @Test
    void template_whenDefaultValues_thenServicesSplitTcpUdpAndManagement() {
        var tcp = defaults.get("Service", FULLNAME);
        var udp = defaults.get("Service", FULLNAME + "-udp");
        var management = defaults.get("Service", FULLNAME + "-management");

        assertThat(servicePorts(tcp, "TCP")).containsExactlyInAnyOrderEntriesOf(app.tcpPorts());
        assertThat(servicePorts(tcp, "UDP")).isEmpty();
        assertThat(servicePorts(udp, "UDP")).containsExactlyInAnyOrderEntriesOf(app.udpPorts());
        assertThat(servicePorts(udp, "TCP")).isEmpty();
        assertThat(servicePorts(management, "TCP")).containsExactly(entry("management", app.managementPort()));
        assertThat(management.string("spec.type")).isEqualTo("ClusterIP");

        var podLabels = defaults.deployment().get("spec.template.metadata.labels").map();
        var containerPortNames = defaults.container().list("ports").stream().map(p -> p.string("name")).toList();
        for (Node service : List.of(tcp, udp, management)) {
            assertThat(podLabels).containsAllEntriesOf(service.get("spec.selector").map());
            service.list("spec.ports").forEach(p -> assertThat(containerPortNames).contains(p.string("targetPort")));
        }
    }

    @Test
    void template_whenDefaultValues_thenNoServiceMonitorAndNoNetworkPolicy() {
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(defaults.ofKind("NetworkPolicy")).isEmpty();
        assertThat(defaults.deployment().get("spec.template.metadata.annotations").map())
                .doesNotContainKey("prometheus.io/scrape");
    }

    @Test
    void template_whenServiceMonitorEnabled_thenItScrapesPrometheusOnTheManagementServiceOnly() {
        var chart = Charts.render(tmp, """
                monitoring:
                  serviceMonitor:
                    enabled: true
                    labels:
                      release: prometheus
                """);
        var monitor = chart.get("ServiceMonitor", FULLNAME);
        var selector = monitor.get("spec.selector.matchLabels").map();

        assertThat(monitor.string("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.get("metadata.labels").map()).containsEntry("release", "prometheus");
        var endpoint = monitor.list("spec.endpoints").get(0);
        assertThat(endpoint.string("path")).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.string("port")).isEqualTo("management");
        var selected = chart.ofKind("Service").stream()
                .filter(s -> s.get("metadata.labels").map().entrySet().containsAll(selector.entrySet()))
                .map(s -> s.string("metadata.name")).toList();
        assertThat(selected).containsExactly(FULLNAME + "-management");
        assertThat(monitor.list("spec.namespaceSelector.matchNames").get(0).node()).isEqualTo(Charts.NAMESPACE);
    }

    @Test
    void template_whenNetworkPolicyEnabled_thenListenerPortsOpenAndManagementLimitedToNamespace() {
        var chart = Charts.render(tmp, """
                networkPolicy:
                  enabled: true
                """);
        var policy = chart.get("NetworkPolicy", FULLNAME);
        var rules = policy.list("spec.ingress");

        assertThat(policy.at("spec.policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(rules).hasSize(2);
        var dataPorts = new HashMap<String, Map<String, Integer>>();
        rules.get(0).list("ports").forEach(p -> dataPorts
                .computeIfAbsent(p.string("protocol"), k -> new TreeMap<>())
                .put(String.valueOf(p.integer("port")), p.integer("port")));
        assertThat(dataPorts.get("TCP").values()).containsExactlyInAnyOrderElementsOf(app.tcpPorts().values());
        assertThat(dataPorts.get("UDP").values()).containsExactlyInAnyOrderElementsOf(app.udpPorts().values());
        assertThat(rules.get(0).has("from")).as("data plane open to every source").isFalse();
        assertThat(rules.get(1).list("ports").get(0).integer("port")).isEqualTo(app.managementPort());
        assertThat(rules.get(1).at("from")).isEqualTo(List.of(Map.of("podSelector", Map.of())));
    }

    @Test
    void template_whenConfigChanges_thenPodChecksumAnnotationChanges() {
        var changed = Charts.render(tmp, """
                listeners:
                  sea:
                    port: 9732
                """);

        String before = defaults.deployment().string("spec.template.metadata.annotations.checksum/config");
        String after = changed.deployment().string("spec.template.metadata.annotations.checksum/config");
        assertThat(before).matches("[0-9a-f]{64}");
        assertThat(after).matches("[0-9a-f]{64}").isNotEqualTo(before);
    }

    @Test
    void template_whenPortChanged_thenConfigContainerAndServiceAgree() {
        var chart = Charts.render(tmp, """
                listeners:
                  sea:
                    port: 9732
                management:
                  port: 9081
                """);

        assertThat(renderedConfig(chart).tcpPorts()).containsEntry("sea", 9732);
        assertThat(renderedConfig(chart).managementPort()).isEqualTo(9081);
        assertThat(containerPorts(chart).get("TCP")).containsEntry("sea", 9732).containsEntry("management", 9081);
        assertThat(servicePorts(chart.get("Service", FULLNAME), "TCP")).containsEntry("sea", 9732);
        assertThat(servicePorts(chart.get("Service", FULLNAME + "-management"), "TCP"))
                .containsExactly(entry("management", 9081));
    }

    @Test
    void template_whenListenersDisabled_thenTheirPortsAreNeitherOpenedNorPublished() {
        var chart = Charts.render(tmp, """
                listeners:
                  sea:
                    enabled: false
                  exampleUdp:
                    enabled: false
                """);
        var config = SpringYaml.parse("rendered", renderedApplicationYaml(chart));

        assertThat(config.enabled("switchboard.sea.listener")).isFalse();
        assertThat(config.enabled("switchboard.example.listeners.udp")).isFalse();
        assertThat(containerPorts(chart).get("TCP")).doesNotContainKey("sea");
        assertThat(containerPorts(chart)).doesNotContainKey("UDP");
        assertThat(servicePorts(chart.get("Service", FULLNAME), "TCP")).doesNotContainKey("sea");
        assertThat(chart.find("Service", FULLNAME + "-udp")).isEmpty();
    }

    @Test
    void template_whenDefaultValues_thenAdminSecretIsGeneratedKeptAndReadByTheContainer() {
        var secret = defaults.get("Secret", FULLNAME + "-admin");

        assertThat(decode(secret.string("data.username"))).isEqualTo("admin");
        assertThat(decode(secret.string("data.password"))).matches("[A-Za-z0-9]{24}");
        assertThat(secret.get("metadata.annotations").map()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(adminEnv(defaults)).containsOnly(
                entry("SWITCHBOARD_ADMIN_USERNAME", FULLNAME + "-admin/username"),
                entry("SWITCHBOARD_ADMIN_PASSWORD", FULLNAME + "-admin/password"));
    }

    @Test
    void template_whenCredentialsGiven_thenTheContainerEnvironmentBindsToTheAppsAdminProperties() {
        var chart = Charts.render(tmp, """
                admin:
                  username: ops
                  password: "{noop}s3cret"
                """);
        var secret = chart.get("Secret", FULLNAME + "-admin");
        var env = new HashMap<String, Object>();
        for (Node variable : chart.container().list("env")) {
            if (variable.has("valueFrom.secretKeyRef")) {
                assertThat(variable.string("valueFrom.secretKeyRef.name")).isEqualTo(FULLNAME + "-admin");
                env.put(variable.string("name"),
                        decode(secret.string("data." + variable.string("valueFrom.secretKeyRef.key"))));
            }
        }
        // Bound exactly as Spring Boot binds the process environment at start.
        var admin = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
                .bind("switchboard.admin", AdminProperties.class).get();

        assertThat(admin.username()).isEqualTo("ops");
        assertThat(admin.password()).isEqualTo("{noop}s3cret");
    }

    @Test
    void template_whenExistingSecret_thenNoSecretIsRenderedAndTheContainerReadsTheGivenKeys() {
        var chart = Charts.render(tmp, """
                admin:
                  existingSecret: ops-credentials
                  usernameKey: user
                  passwordKey: pass
                """);

        assertThat(chart.ofKind("Secret")).isEmpty();
        assertThat(adminEnv(chart)).containsOnly(
                entry("SWITCHBOARD_ADMIN_USERNAME", "ops-credentials/user"),
                entry("SWITCHBOARD_ADMIN_PASSWORD", "ops-credentials/pass"));
    }

    @Test
    void template_whenEveryOptionalFeatureOn_thenRendersEveryResource() {
        var chart = Charts.render(Path.of("src", "test", "resources", "helm", "all-features-values.yaml"));
        var pod = chart.deployment().get("spec.template.spec");

        assertThat(chart.all().stream().map(m -> (String) m.get("kind")).distinct()).containsExactlyInAnyOrder(
                "Deployment", "Service", "ConfigMap", "Secret", "ServiceAccount", "PodDisruptionBudget",
                "NetworkPolicy", "ServiceMonitor", "PrometheusRule", "Ingress", "HTTPRoute", "StatefulSet");
        assertThat(chart.get("Service", FULLNAME).string("spec.externalTrafficPolicy")).isEqualTo("Local");
        assertThat(chart.get("Service", FULLNAME + "-udp").string("spec.type")).isEqualTo("LoadBalancer");
        assertThat(chart.container().string("image")).isEqualTo("registry.example.com/switchboard@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(pod.string("serviceAccountName")).isEqualTo("gateway");
        assertThat(pod.list("volumes").stream().filter(v -> "data".equals(v.string("name"))).findFirst()
                .orElseThrow().string("persistentVolumeClaim.claimName")).isEqualTo("switchboard-data");
        assertThat(decode(chart.get("Secret", FULLNAME + "-admin").string("data.password")))
                .isEqualTo("test-only-password");
        assertThat(chart.deployment().get("spec.template.metadata.annotations").map())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(app.managementPort()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        // minAvailable, when given, replaces maxUnavailable: Kubernetes refuses a budget with both.
        assertThat(chart.get("PodDisruptionBudget", FULLNAME).get("spec").map())
                .containsEntry("minAvailable", 1).doesNotContainKey("maxUnavailable");
        // config.extra reaches the application, but never overrides the chart's own ports.
        var config = renderedApplicationYaml(chart);
        assertThat(config).contains("dev.switchboard: DEBUG");
        assertThat(renderedConfig(chart)).isEqualTo(app);
        assertThat(containerPorts(chart).get("TCP")).containsExactlyInAnyOrderEntriesOf(withManagement(app));
    }

    @Test
    void template_whenRecreateStrategy_thenNoRollingUpdateSettings() {
        var chart = Charts.render(tmp, """
                updateStrategy:
                  type: Recreate
                """);

        assertThat(chart.deployment().get("spec.strategy").map()).containsOnly(entry("type", "Recreate"));
        assertThat(defaults.deployment().get("spec.strategy.rollingUpdate").map())
                .containsEntry("maxUnavailable", 0);
    }

    @Test
    void install_whenClientDryRun_thenNotesNamePortsServicesAndTheSecret() {
        var release = new Helm(ProjectFiles.CHART).install().withName(Charts.RELEASE).withNamespace(Charts.NAMESPACE)
                .withKubeVersion(Charts.KUBE_VERSION).dryRun().withDryRunOption(DryRun.CLIENT).clientOnly().call();
        String notes = release.getOutput().substring(release.getOutput().indexOf("NOTES:"));

        app.tcpPorts().forEach((name, port) ->
                assertThat(notes).contains(name + ": " + port + "/TCP on Service " + FULLNAME + " (ClusterIP)"));
        app.udpPorts().forEach((name, port) ->
                assertThat(notes).contains(name + ": " + port + "/UDP on Service " + FULLNAME + "-udp (ClusterIP)"));
        assertThat(notes).contains("port-forward svc/" + FULLNAME + "-management " + app.managementPort())
                .contains("get secret " + FULLNAME + "-admin")
                .contains("drains connections for up to " + app.drainTimeout().toSeconds() + "s");
    }

    static List<Arguments> valuesTheSchemaRefuses() {
        return List.of(
                Arguments.of("a port given as a string", "at '/listeners/sea/port': got string, want integer", """
                        listeners:
                          sea:
                            port: "8732"
                        """),
                Arguments.of("a port out of range", "at '/management/port'", """
                        management:
                          port: 70000
                        """),
                Arguments.of("an unknown listener", "additional properties 'ftp' not allowed", """
                        listeners:
                          ftp:
                            enabled: true
                            port: 21
                        """),
                Arguments.of("an unknown top-level key", "additional properties 'replicas' not allowed", """
                        replicas: 2
                        """),
                Arguments.of("a flag given as a string", "at '/networkPolicy/enabled': got string, want boolean", """
                        networkPolicy:
                          enabled: "yes"
                        """),
                Arguments.of("an unknown Service type", "at '/service/type'", """
                        service:
                          type: Ingress
                        """),
                Arguments.of("a grace margin too short to exit", "at '/shutdown/extraGracePeriodSeconds'", """
                        shutdown:
                          extraGracePeriodSeconds: 0
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesTheSchemaRefuses")
    void template_whenValuesBreakTheSchema_thenRefused(String what, String reason, String values) {
        String error = Charts.renderFailure(tmp, values);

        assertThat(error).contains("values don't meet the specifications of the schema").contains(reason);
    }

    @Test
    void template_whenListenerTakesTheManagementPort_thenRefusedWithTheReason() {
        String error = Charts.renderFailure(tmp, """
                listeners:
                  sea:
                    port: 8081
                """);

        assertThat(error).contains("listeners: management and sea both use port 8081");
    }

    @Test
    void template_whenTwoListenersShareAPort_thenRefusedWithTheReason() {
        String error = Charts.renderFailure(tmp, """
                listeners:
                  exampleTcp:
                    port: 8080
                """);

        assertThat(error).contains("listeners: http and example-tcp both use port 8080");
    }

    private static Map<String, Integer> withManagement(AppDefaults app) {
        var ports = new TreeMap<>(app.tcpPorts());
        ports.put("management", app.managementPort());
        return ports;
    }

    /** Container ports by protocol, then by name. */
    private static Map<String, Map<String, Integer>> containerPorts(RenderedChart chart) {
        var ports = new TreeMap<String, Map<String, Integer>>();
        for (Node port : chart.container().list("ports")) {
            ports.computeIfAbsent(port.string("protocol"), p -> new TreeMap<>())
                    .put(port.string("name"), port.integer("containerPort"));
        }
        return ports;
    }

    private static int containerPortNumber(Node container, String nameOrNumber) {
        return container.list("ports").stream().filter(p -> nameOrNumber.equals(p.string("name"))
                        || nameOrNumber.equals(p.string("containerPort")))
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + nameOrNumber))
                .integer("containerPort");
    }

    private static Map<String, Integer> servicePorts(Node service, String protocol) {
        return service.list("spec.ports").stream().filter(p -> protocol.equals(p.string("protocol")))
                .collect(Collectors.toMap(p -> p.string("name"), p -> p.integer("port"), (a, b) -> a, TreeMap::new));
    }

    private static String renderedApplicationYaml(RenderedChart chart) {
        // The key holds a dot, so it is read from the map rather than through a dotted path.
        return (String) chart.get("ConfigMap", FULLNAME).get("data").map().get("application.yml");
    }

    private static AppDefaults renderedConfig(RenderedChart chart) {
        return AppDefaults.from(SpringYaml.parse("rendered application.yml", renderedApplicationYaml(chart)));
    }

    private static long preStopSleepSeconds(RenderedChart chart) {
        Object command = chart.container().at("lifecycle.preStop.exec.command");
        assertThat(command).asList().hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(((List<?>) command).get(1).toString());
    }

    /** The admin variables, each as "secret/key". */
    private static Map<String, String> adminEnv(RenderedChart chart) {
        var env = new TreeMap<String, String>();
        for (Node variable : chart.container().list("env")) {
            if (variable.string("name").startsWith("SWITCHBOARD_ADMIN_")) {
                env.put(variable.string("name"), variable.string("valueFrom.secretKeyRef.name") + "/"
                        + variable.string("valueFrom.secretKeyRef.key"));
            }
        }
        return env;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
