package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cross-area part of {@link PackageGraphTest} on the import lines of the main sources: javac inlines
 * compile-time constants ({@code static final String}), so a constant taken from a forbidden package
 * leaves no trace in the bytecode ArchUnit reads.
 */
class PackageImportsTest {

    private static final Path MAIN = Path.of("src/main/java/dev/switchboard");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.switchboard\\.(\\w+)\\.([\\w.]+);");
    /** Per area, the top-level packages it must not import from. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "core", List.of("sea", "rooms", "http", "example", "console"),
            "sea", List.of("rooms", "http", "example", "console"),
            "rooms", List.of("sea", "http", "example", "console"),
            "http", List.of("sea", "rooms", "example", "console"),
            "example", List.of("sea", "rooms", "http", "console"));
    /** The HTTP listeners' upgrade SPI, which rooms implements. */
    private static final String ROOMS_MAY_IMPORT = "http.handler.UpgradeRoute";

    @Test
    void mainSources_whenScanned_thenImportNothingTheGraphForbids() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, List<String>> area : FORBIDDEN.entrySet()) {
            for (Path source : sources(MAIN.resolve(area.getKey()))) {
                for (String line : read(source)) {
                    Matcher m = IMPORT.matcher(line);
                    if (!m.find() || !area.getValue().contains(m.group(1))) {
                        continue;
                    }
                    boolean spi = area.getKey().equals("rooms")
                            && (m.group(1) + "." + m.group(2)).startsWith(ROOMS_MAY_IMPORT);
                    if (!spi) {
                        offenders.add(source + ": " + line);
                    }
                }
            }
        }
        assertThat(offenders).as("imports across the package graph").isEmpty();
    }

    @Test
    void importPattern_whenAppliedToAnImportLine_thenNamesTheTopLevelPackage() {
        Matcher m = IMPORT.matcher("import static dev.switchboard.http.HttpConfiguration.PROTOCOL;");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("http");
        assertThat(m.group(2)).isEqualTo("HttpConfiguration.PROTOCOL");
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).as(dir.toString()).isNotEmpty();
            return sources;
        }
    }

    private static List<String> read(Path source) {
        try {
            return Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
