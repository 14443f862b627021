package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The HTTP rules stay free of Netty (style lesson 1): services see strings and records only. */
class HttpArchitectureTest {

    private static final Path SERVICE = Path.of("src/main/java/dev/switchboard/http/service");

    @Test
    void serviceSources_whenScanned_thenNoNettyImports() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SERVICE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("service sources found").hasSizeGreaterThan(10);
        for (Path source : sources) {
            assertThat(Files.readAllLines(source)).as(source.toString())
                    .noneMatch(line -> line.startsWith("import io.netty") || line.startsWith("import static io.netty"));
        }
    }
}
