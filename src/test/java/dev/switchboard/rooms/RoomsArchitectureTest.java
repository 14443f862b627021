package dev.switchboard.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoomsArchitectureTest {

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/switchboard/rooms", pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void servicePackage_whenScanned_thenNoNettyImports() throws IOException {
        List<Path> files = sources("service");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import io.netty");
        }
    }

    @Test
    void messagePackage_whenScanned_thenNoNettyImports() throws IOException {
        for (Path file : sources("message")) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import io.netty");
        }
    }
}
