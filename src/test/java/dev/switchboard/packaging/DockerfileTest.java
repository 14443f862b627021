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
    void from_whenAnyStage_thenBaseImagePinnedByTagNotLatest() {
        var froms = all("FROM");

        assertThat(froms).hasSize(2);
        for (Instruction from : froms) {
            var matcher = FROM.matcher(from.args());
            assertThat(matcher.matches()).as(from.args()).isTrue();
            assertThat(matcher.group("tag")).as("tag of %s", from.args()).isNotBlank().isNotEqualTo("latest");
        }
    }

    @Test
    void from_whenBuildAndRuntime_thenMavenJdkBuildsAndJreRunsTheProjectsJavaVersion() throws IOException {
        String javaVersion = projectJavaVersion();
        var froms = all("FROM");

        assertThat(froms.get(0).args()).startsWith("maven:").contains("eclipse-temurin-" + javaVersion);
        assertThat(froms.get(1).args()).isEqualTo("eclipse-temurin:" + javaVersion + "-jre");
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
    void image_whenComparedWithTheChart_thenUserAndJvmOptionsAgree() throws IOException {
        Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ProjectFiles.CHART_VALUES));
        var chart = new Node(values);
        String env = runtimeAll("ENV").stream().map(Instruction::args)
                .filter(a -> a.startsWith("JAVA_TOOL_OPTIONS=")).findFirst().orElseThrow();
        String jvmOptions = env.substring("JAVA_TOOL_OPTIONS=".length()).replace("\"", "");

        assertThat(jvmOptions).contains("-XX:MaxRAMPercentage=");
        assertThat(chart.string("jvm.options")).isEqualTo(jvmOptions);
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
