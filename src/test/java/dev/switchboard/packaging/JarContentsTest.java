package dev.switchboard.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code mvn package} put in the two jars: the gateway carries no tool classes and no tool-only
 * libraries; the tools jar runs on its own without Spring. Skipped when a jar has not been built or is
 * older than its sources or {@code pom.xml} (Surefire runs before the package phase, so a jar from an
 * earlier build would be judged, not one built from this checkout).
 */
class JarContentsTest {

    private static final Path GATEWAY_JAR = Path.of("target", "switchboard.jar");
    private static final Path TOOLS_JAR = Path.of("target", "switchboard-tools.jar");

    @Test
    void gatewayJar_hasNoToolClassesNorToolLibraries() throws IOException {
        assumeBuiltFrom(GATEWAY_JAR, Path.of("src", "main"));
        List<String> entries = entries(GATEWAY_JAR);
        assertThat(entries).contains("BOOT-INF/classes/dev/switchboard/SwitchboardApplication.class");
        assertThat(entries).noneMatch(e -> e.contains("dev/switchboard/tools/") || e.contains("dev/switchboard/bench/")
                || e.contains("/sea/client/") || e.contains("/example/client/"));
        assertThat(entries).filteredOn(e -> e.startsWith("BOOT-INF/lib/"))
                .noneMatch(e -> e.contains("HdrHistogram") || e.contains("picocli"));
    }

    @Test
    void toolsJar_isRunnableWithToolsAndTheirLibrariesButNoSpringNorGatewayClasses() throws IOException {
        assumeBuiltFrom(TOOLS_JAR, Path.of("src", "tools"));
        try (JarFile jar = new JarFile(TOOLS_JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.switchboard.tools.Tools");
        }
        List<String> entries = entries(TOOLS_JAR);
        assertThat(entries).contains("dev/switchboard/tools/Tools.class",
                "dev/switchboard/tools/load/LoadDriver.class",
                "dev/switchboard/tools/seasend/SeaSend.class",
                "dev/switchboard/tools/example/EdSignal.class",
                "dev/switchboard/tools/codec/example/ExampleLineDecoder.class",
                "dev/switchboard/tools/codec/sea/SeaServerReader.class",
                "dev/switchboard/tools/codec/rooms/TPackets.class",
                "picocli/CommandLine.class",
                "org/HdrHistogram/Histogram.class",
                "io/netty/bootstrap/Bootstrap.class");
        assertThat(entries).noneMatch(e -> e.startsWith("org/springframework/") || e.endsWith("Test.class")
                || e.startsWith("dev/switchboard/tools/load/jmh/") || e.startsWith("BOOT-INF/"));
        // The client codecs are the tools' own: nothing of the gateway (its server codecs included) ships here.
        assertThat(entries).filteredOn(e -> e.startsWith("dev/switchboard/") && !e.endsWith("/"))
                .allMatch(e -> e.startsWith("dev/switchboard/tools/"));
    }

    /** Each tool's help through the jar alone: a class the jar lacks would fail here, not in the field. */
    @ParameterizedTest
    @ValueSource(strings = {"example-client", "ed-signal", "seasend", "load"})
    @Timeout(120)
    void toolsJar_runsEachToolsHelpOnItsOwn(String tool) throws Exception {
        assumeBuiltFrom(TOOLS_JAR, Path.of("src", "tools"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TOOLS_JAR.toString(), tool, "--help")
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("exited by itself; output: %s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("Usage: " + tool);
    }

    private static void assumeBuiltFrom(Path jar, Path sources) throws IOException {
        assumeTrue(Files.isRegularFile(jar), jar + " not built");
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> files = Stream.concat(Files.walk(sources), Stream.of(Path.of("pom.xml")))) {
            assumeTrue(files.filter(Files::isRegularFile).noneMatch(f -> modified(f).compareTo(built) > 0),
                    jar + " is older than " + sources + " or pom.xml");
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
