package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the layering rules of STYLE.md that the compiler cannot see. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/switchboard");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void servicePackages_whenScanned_thenImportNoNetty() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> p.toString().contains("/service/"))
                .filter(p -> read(p).lines().anyMatch(l -> l.startsWith("import io.netty")
                        || l.startsWith("import static io.netty")))
                .map(Path::toString)
                .toList();
        assertThat(offenders).as("service classes importing io.netty").isEmpty();
    }

    @Test
    void sources_whenScanned_thenNoStaticMutableCollectionsOrPrintStackTrace() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> read(p).lines().anyMatch(l -> l.contains(".printStackTrace(")
                        || l.matches("\\s*(private |public |protected )?static (?!final).*=.*;")))
                .map(Path::toString)
                .toList();
        assertThat(offenders).as("printStackTrace or static mutable fields").isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
