package dev.switchboard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user who clones the repository gets every document the README and the docs point to: relative
 * links resolve to files inside the repository, and no document sends the reader to a path outside it.
 */
class DocumentationLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\((?<target>[^)\\s#]+)(#[^)]*)?\\)");
    private static final Pattern OUTSIDE_REFERENCE = Pattern.compile("\\.\\./shared|/work/|shared/specs");
    private static final List<String> PROTOCOL_REFERENCES = List.of(
            "sea-protocol.md", "rooms-protocol.md", "http-server.md", "example-protocol.md");

    @Test
    void links_whenReadmeAndDocsRead_thenEveryRelativeTargetExistsInTheRepository() {
        var broken = new ArrayList<String>();
        for (Path document : documents()) {
            var matcher = MARKDOWN_LINK.matcher(read(document));
            while (matcher.find()) {
                String target = matcher.group("target");
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = document.toAbsolutePath().getParent().resolve(target).normalize();
                if (!resolved.startsWith(Path.of("").toAbsolutePath()) || !Files.exists(resolved)) {
                    broken.add(document + " -> " + target);
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    @Test
    void documents_whenRead_thenNoneReferToFilesOutsideTheRepository() {
        var outside = new ArrayList<String>();
        for (Path document : documents()) {
            var lines = read(document).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE_REFERENCE.matcher(lines.get(i)).find()) {
                    outside.add(document + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }

        assertThat(outside).isEmpty();
    }

    @Test
    void readme_whenRead_thenLinksEveryProtocolReferenceUnderSrcDocs() {
        String readme = read(Path.of("README.md"));

        for (String reference : PROTOCOL_REFERENCES) {
            assertThat(Path.of("src", "docs", reference)).exists();
            assertThat(readme).contains("](src/docs/" + reference + ")");
        }
    }

    @Test
    void outsideReference_whenAPathLeavesTheRepository_thenItIsRecognised() {
        assertThat(OUTSIDE_REFERENCE.matcher("see `../shared/specs/sea-protocol.md`").find()).isTrue();
        assertThat(OUTSIDE_REFERENCE.matcher("(`/work/shared/specs/sea-protocol.md`)").find()).isTrue();
        assertThat(OUTSIDE_REFERENCE.matcher("[`sea-protocol.md`](sea-protocol.md)").find()).isFalse();
    }

    private static List<Path> documents() {
        var documents = new ArrayList<Path>();
        documents.add(Path.of("README.md"));
        documents.add(ProjectFiles.CHART.resolve("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("src", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
