package dev.switchboard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the Dockerfile's structure: no Docker engine runs here, so the image itself cannot be
 * built in tests, but every promise the Dockerfile makes can be read off its instructions.
 */
class DockerfileTest {

    private static final Pattern FROM = Pattern.compile(
            "(?<image>[^\\s:@]+(?::(?<tag>[^\\s@]+))?(?:@(?<digest>sha256:[0-9a-f]{64}))?)(?:\\s+AS\\s+(?<stage>\\S+))?",
            Pattern.CASE_INSENSITIVE);

    private List<Instruction> instructions;
    private List<Instruction> runtime;

    @BeforeEach
    void parseDockerfile() throws IOException {
        instructions = Instruction.parse(Files.readAllLines(ProjectFiles.DOCKERFILE));
        int lastStage = instructions.stream().mapToInt(Instruction::stage).max().orElseThrow();
        runtime = instructions.stream().filter(i -> i.stage() == lastStage).toList();
    }

    @Test
    void from_whenAnyStage_thenFullyQualifiedAndPinnedByDigest() {
        var froms = all("FROM");

        assertThat(froms).hasSize(2);
        for (Instruction from : froms) {
            var matcher = FROM.matcher(from.args());
            assertThat(matcher.matches()).as(from.args()).isTrue();
            // Short names need a registry search list, which podman and CRI-O refuse to guess.
            assertThat(matcher.group("image")).as("registry of %s", from.args()).startsWith("docker.io/library/");
            assertThat(matcher.group("tag")).as("tag of %s", from.args()).isNotBlank().isNotEqualTo("latest");
            assertThat(matcher.group("digest")).as("digest of %s", from.args()).isNotNull();
        }
    }

    @Test
    void from_whenBuildAndRuntime_thenMavenJdkBuildsAndJreRunsTheProjectsJavaVersion() throws IOException {
        String javaVersion = projectJavaVersion();
        var froms = all("FROM");

        assertThat(froms.get(0).args()).startsWith("docker.io/library/maven:").contains("eclipse-temurin-" + javaVersion);
        assertThat(froms.get(1).args()).startsWith("docker.io/library/eclipse-temurin:" + javaVersion + "-jre@sha256:");
    }

    @Test
    void run_whenBuildStage_thenTestsAreNeitherCompiledNorRun() {
        var maven = all("RUN").stream().map(Instruction::args).filter(r -> r.contains("mvn ")).toList();

        assertThat(maven).hasSize(1);
        assertThat(maven.get(0)).contains("-Dmaven.test.skip=true").doesNotContain("-DskipTests");
        assertThat(all("COPY").stream().map(Instruction::args))
                .contains("src/main ./src/main")
                .noneMatch(a -> a.startsWith("src ") || a.startsWith("src/test"));
    }

    @Test
    void label_whenRuntimeStage_thenOciAnnotationsNameVersionAndBaseImage() throws IOException {
        Map<String, String> labels = labels();
        String runtimeFrom = all("FROM").get(1).args();
        Map<String, Object> chartYaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ProjectFiles.CHART.resolve("Chart.yaml")));

        assertThat(labels).containsKeys("org.opencontainers.image.title", "org.opencontainers.image.description",
                "org.opencontainers.image.version", "org.opencontainers.image.revision",
                "org.opencontainers.image.created", "org.opencontainers.image.base.name",
                "org.opencontainers.image.base.digest");
        assertThat(labels.get("org.opencontainers.image.version")).isEqualTo("${VERSION}");
        assertThat(runtimeArg("VERSION")).isEqualTo(chartYaml.get("appVersion"));
        assertThat(runtimeFrom).isEqualTo(labels.get("org.opencontainers.image.base.name") + "@"
                + labels.get("org.opencontainers.image.base.digest"));
    }

    @Test
    void arg_whenRuntimeStage_thenComesAfterEveryLayerSoThatPerBuildValuesKeepTheCache() {
        int firstArg = runtime.indexOf(runtimeAll("ARG").get(0));
        int lastLayer = runtime.stream().filter(i -> i.keyword().equals("RUN") || i.keyword().equals("COPY"))
                .mapToInt(runtime::indexOf).max().orElseThrow();

        assertThat(firstArg).isGreaterThan(lastLayer);
    }

    @Test
    void env_whenRuntimeStage_thenMemoryIsCappedAndAGarbageCollectorChosen() {
        var options = List.of(javaToolOptions().split(" "));

        assertThat(options).contains("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(options).anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage="))
                .anyMatch(o -> o.matches("-XX:MaxDirectMemorySize=[0-9]+m"))
                .anyMatch(o -> o.matches("-XX:MaxMetaspaceSize=[0-9]+m"))
                .anyMatch(o -> o.matches("-XX:ReservedCodeCacheSize=[0-9]+m"));
        // Netty's own limit is only enforced on its no-cleaner path, which JDK 17 does not open.
        assertThat(options).noneMatch(o -> o.startsWith("-Dio.netty.maxDirectMemory"));
        assertThat(runtimeAll("ENV").stream().map(Instruction::args)).anyMatch(e -> e.contains("MALLOC_ARENA_MAX=2"));
    }

    @Test
    void user_whenRuntimeStage_thenNumericNonRootBeforeEntrypoint() {
        var users = runtimeAll("USER");

        assertThat(users).hasSize(1);
        assertThat(users.get(0).args()).matches("[0-9]+(:[0-9]+)?");
        assertThat(uid()).isNotZero();
        assertThat(runtime.indexOf(users.get(0))).isLessThan(runtime.indexOf(runtimeOne("ENTRYPOINT")));
    }

    @Test
    void expose_whenRead_thenEveryAppPortWithItsProtocol() throws IOException {
        var app = AppDefaults.load();
        var expected = new TreeSet<String>();
        app.tcpPorts().values().forEach(p -> expected.add(p + "/tcp"));
        app.udpPorts().values().forEach(p -> expected.add(p + "/udp"));
        expected.add(app.managementPort() + "/tcp");

        var exposed = runtimeAll("EXPOSE").stream()
                .flatMap(e -> List.of(e.args().split("\\s+")).stream())
                .map(p -> p.contains("/") ? p.toLowerCase() : p + "/tcp")
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(exposed).isEqualTo(expected);
    }

    @Test
    void volume_whenRead_thenOnlyTmpDataAndLogsAndTheUserOwnsThoseUnderApp() {
        var volumes = runtimeAll("VOLUME");

        assertThat(volumes).hasSize(1);
        var paths = jsonArray(volumes.get(0).args());
        assertThat(paths).containsExactlyInAnyOrder("/tmp", "/app/data", "/app/logs");
        // Docker seeds a fresh volume from the image's directory, ownership included.
        var chown = runtimeAll("RUN").stream().map(Instruction::args)
                .filter(a -> a.contains("chown " + uidAndGid() + " ")).findFirst().orElseThrow(
                        () -> new AssertionError("no RUN chowns anything to " + uidAndGid()));
        paths.stream().filter(p -> p.startsWith("/app/")).forEach(p -> assertThat(chown).contains(p));
    }

    @Test
    void workdir_whenRuntimeStage_thenAppSoThatConfigIsReadFromAppConfig() {
        assertThat(runtimeAll("WORKDIR")).extracting(Instruction::args).containsExactly("/app");
        assertThat(runtimeAll("COPY")).extracting(Instruction::args)
                .contains("config/application.yml ./config/application.yml");
    }

    @Test
    void run_whenBuildStage_thenBootLayersAreExtractedWithTheLauncher() {
        var buildRuns = instructions.stream().filter(i -> i.stage() == 0 && i.keyword().equals("RUN"))
                .map(Instruction::args).toList();

        assertThat(buildRuns).anyMatch(r -> r.contains("java -Djarmode=tools -jar app.jar extract")
                && r.contains("--layers") && r.contains("--launcher") && r.contains("--destination extracted"));
    }

    @Test
    void run_whenBuildStage_thenCopiesTheJarThePomBuilds() throws IOException {
        var matcher = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(matcher.find()).as("finalName in pom.xml").isTrue();

        assertThat(all("RUN").stream().map(Instruction::args))
                .anyMatch(r -> r.contains("cp target/" + matcher.group(1) + ".jar app.jar"));
    }

    @Test
    void copy_whenRuntimeStage_thenLayersGoFromLeastToMostOftenChanged() {
        var layers = runtimeAll("COPY").stream().map(Instruction::args)
                .filter(a -> a.startsWith("--from=build /build/extracted/"))
                .map(a -> a.substring("--from=build /build/extracted/".length()).split("/")[0]).toList();

        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    }

    @Test
    void entrypoint_whenRead_thenExecFormLaunchesTheExtractedApplication() {
        assertThat(jsonArray(runtimeOne("ENTRYPOINT").args()))
                .containsExactly("java", "org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void copy_whenAnyStage_thenSourcesAreNamedAndExistBecauseThereIsNoDockerignore() {
        for (Instruction copy : all("COPY")) {
            if (copy.args().startsWith("--from=")) {
                continue;
            }
            String[] parts = copy.args().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                assertThat(parts[i]).as(copy.args()).isNotIn(".", "./", "*");
                assertThat(Path.of(parts[i])).as(copy.args()).exists();
            }
        }
        assertThat(all("ADD")).isEmpty();
    }

    @Test
    void image_whenComparedWithTheChartsDefaults_thenUserAndJvmOptionsAgree() throws IOException {
        Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ProjectFiles.CHART_VALUES));
        var chart = new Node(values);
        var container = Charts.render().container();
        String chartOptions = container.list("env").stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.string("name")))
                .findFirst().orElseThrow().string("value");
        String imageOptions = javaToolOptions();
        int heapPercent = chart.integer("jvm.heapPercent");
        int limitMiB = Integer.parseInt(chart.string("resources.limits.memory").replace("Mi", ""));

        // The image cannot know its limit, so it gives the heap as a percentage; the chart, which
        // knows it, renders the same share as -Xmx. Every other flag is the same.
        assertThat(imageOptions).contains("-XX:MaxRAMPercentage=" + heapPercent + ".0");
        assertThat(chartOptions).contains("-Xmx" + limitMiB * heapPercent / 100 + "m");
        assertThat(withoutHeap(imageOptions)).isEqualTo(withoutHeap(chartOptions));
        assertThat(chart.string("podSecurityContext.runAsUser") + ":" + chart.string("podSecurityContext.runAsGroup"))
                .isEqualTo(uidAndGid());
    }

    @Test
    void env_whenRuntimeStage_thenExampleListenersBindEveryInterface() {
        String env = runtimeAll("ENV").stream().map(Instruction::args).reduce("", (a, b) -> a + " " + b);

        // The example protocol's loopback default would make the container's published ports unreachable.
        assertThat(env).contains("SWITCHBOARD_EXAMPLE_LISTENERS_TCP_HOST=0.0.0.0")
                .contains("SWITCHBOARD_EXAMPLE_LISTENERS_UDP_HOST=0.0.0.0");
    }

    private String javaToolOptions() {
        String env = runtimeAll("ENV").stream().map(Instruction::args).filter(a -> a.contains("JAVA_TOOL_OPTIONS="))
                .findFirst().orElseThrow();
        var matcher = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(env);
        assertThat(matcher.find()).as(env).isTrue();
        return matcher.group(1);
    }

    private static List<String> withoutHeap(String options) {
        return List.of(options.split(" ")).stream()
                .filter(o -> !o.startsWith("-Xmx") && !o.startsWith("-XX:MaxRAMPercentage=")).toList();
    }

    /** LABEL key="value" pairs of the runtime stage. */
    private Map<String, String> labels() {
        var labels = new java.util.LinkedHashMap<String, String>();
        var pair = Pattern.compile("([A-Za-z0-9._-]+)=\"([^\"]*)\"");
        for (Instruction label : runtimeAll("LABEL")) {
            var matcher = pair.matcher(label.args());
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
        }
        return labels;
    }

    private String runtimeArg(String name) {
        return runtimeAll("ARG").stream().map(Instruction::args).filter(a -> a.startsWith(name + "="))
                .map(a -> a.substring(name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no ARG " + name + " with a default in the runtime stage"));
    }

    private List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private List<Instruction> runtimeAll(String keyword) {
        return runtime.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private Instruction runtimeOne(String keyword) {
        var found = runtimeAll(keyword);
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0);
    }

    private String uidAndGid() {
        String user = runtimeOne("USER").args();
        return user.contains(":") ? user : user + ":" + user;
    }

    private int uid() {
        return Integer.parseInt(uidAndGid().split(":")[0]);
    }

    private static List<String> jsonArray(String args) {
        assertThat(args).as("exec (JSON array) form").startsWith("[").endsWith("]");
        return List.of(args.substring(1, args.length() - 1).split(",")).stream()
                .map(s -> s.trim().replaceAll("^\"|\"$", "")).toList();
    }

    private static String projectJavaVersion() throws IOException {
        var matcher = Pattern.compile("<java.version>([0-9]+)</java.version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(matcher.find()).as("java.version in pom.xml").isTrue();
        return matcher.group(1);
    }

    /** One Dockerfile instruction with its continuation lines joined; stage 0 is the first FROM's. */
    record Instruction(String keyword, String args, int stage) {

        private static final Set<String> KNOWN = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD",
                "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
                "HEALTHCHECK", "SHELL");

        static List<Instruction> parse(List<String> lines) {
            var instructions = new ArrayList<Instruction>();
            var current = new StringBuilder();
            int stage = -1;
            for (String line : lines) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                String text = current.toString().replaceAll("\\s+", " ");
                current.setLength(0);
                String keyword = text.split(" ", 2)[0].toUpperCase();
                if (!KNOWN.contains(keyword)) {
                    throw new AssertionError("unknown Dockerfile instruction: " + text);
                }
                if (keyword.equals("FROM")) {
                    stage++;
                }
                instructions.add(new Instruction(keyword, text.substring(keyword.length()).strip(), stage));
            }
            if (!current.isEmpty()) {
                throw new AssertionError("Dockerfile ends inside a continued line: " + current);
            }
            return List.copyOf(instructions);
        }
    }
}
