package dev.switchboard.example.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** STYLE lesson 1: the example's service package never imports Netty. */
class ExampleServiceArchitectureTest {

    @Test
    void servicePackage_importsNoNetty() throws IOException {
        Path dir = Path.of("src/main/java/dev/switchboard/example/service");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readAllLines(source))
                    .as(source.toString())
                    .noneMatch(line -> line.startsWith("import io.netty") || line.startsWith("import static io.netty"));
        }
    }
}
