package dev.switchboard.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code mvn package} put in the two jars: the gateway carries no tool classes and no tool-only
 * libraries; the tools jar runs on its own without Spring. Skipped when the jars have not been built.
 */
class JarContentsTest {

    private static final Path GATEWAY_JAR = Path.of("target", "switchboard.jar");
    private static final Path TOOLS_JAR = Path.of("target", "switchboard-tools.jar");

    @Test
    void gatewayJar_hasNoToolClassesNorToolLibraries() throws IOException {
        assumeTrue(Files.isRegularFile(GATEWAY_JAR), "target/switchboard.jar not built");
        List<String> entries = entries(GATEWAY_JAR);
        assertThat(entries).contains("BOOT-INF/classes/dev/switchboard/SwitchboardApplication.class");
        assertThat(entries).noneMatch(e -> e.contains("dev/switchboard/tools/") || e.contains("dev/switchboard/bench/")
                || e.contains("/sea/client/") || e.contains("/example/client/"));
        assertThat(entries).filteredOn(e -> e.startsWith("BOOT-INF/lib/"))
                .noneMatch(e -> e.contains("HdrHistogram") || e.contains("picocli"));
    }

    @Test
    void toolsJar_isRunnableWithToolsAndTheirLibrariesButNoSpring() throws IOException {
        assumeTrue(Files.isRegularFile(TOOLS_JAR), "target/switchboard-tools.jar not built");
        try (JarFile jar = new JarFile(TOOLS_JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.switchboard.tools.Tools");
        }
        List<String> entries = entries(TOOLS_JAR);
        assertThat(entries).contains("dev/switchboard/tools/Tools.class",
                "dev/switchboard/tools/load/LoadDriver.class",
                "dev/switchboard/tools/seasend/SeaSend.class",
                "dev/switchboard/tools/example/EdSignal.class",
                "dev/switchboard/example/codec/ExampleLineDecoder.class",
                "picocli/CommandLine.class",
                "org/HdrHistogram/Histogram.class",
                "io/netty/bootstrap/Bootstrap.class");
        assertThat(entries).noneMatch(e -> e.startsWith("org/springframework/") || e.endsWith("Test.class")
                || e.startsWith("dev/switchboard/tools/load/jmh/") || e.startsWith("BOOT-INF/"));
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
