package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** STYLE lesson 1: the SEA service package is pure domain code. */
class SeaServiceArchitectureTest {

    private static final Path SERVICE_SOURCES = Path.of("src/main/java/dev/switchboard/sea/service");

    @Test
    void sources_whenScanned_thenNoNettyOrSpringImports() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SERVICE_SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readAllLines(source))
                    .as(source.toString())
                    .noneMatch(line -> line.startsWith("import io.netty"))
                    .noneMatch(line -> line.startsWith("import static io.netty"));
        }
    }
}
