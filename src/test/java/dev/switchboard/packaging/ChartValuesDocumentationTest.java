package dev.switchboard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every value in the chart's values.yaml carries a comment: either directly above it, or above an
 * enclosing key whose comment starts with "# --", which documents that whole block (such as
 * {@code resources}).
 */
class ChartValuesDocumentationTest {

    private static final Pattern KEY = Pattern.compile("^(?<indent> *)(?<key>[A-Za-z][A-Za-z0-9]*):(?<value>.*)$");

    @Test
    void valuesYaml_whenRead_thenEveryValueIsDocumented() throws IOException {
        assertThat(undocumented(Files.readAllLines(ProjectFiles.CHART_VALUES))).isEmpty();
    }

    @Test
    void undocumented_whenALeafHasNoComment_thenItIsReported() {
        var lines = List.of(
                "# -- Documented as a whole block,",
                "# over two lines.",
                "resources:",
                "  limits:",
                "    memory: 1Gi",
                "image:",
                "  # -- Documented leaf.",
                "  tag: \"\"",
                "  pullPolicy: IfNotPresent");

        assertThat(undocumented(lines)).containsExactly("image.pullPolicy");
    }

    /** Dotted paths of the leaf values that have no comment of their own and no documented block above them. */
    static List<String> undocumented(List<String> lines) {
        record Open(int indent, String path, boolean documentedBlock) {
        }
        var open = new ArrayDeque<Open>();
        var missing = new ArrayList<String>();
        String previous = "";
        String commentStart = "";
        for (String line : lines) {
            var key = KEY.matcher(line);
            if (key.matches()) {
                int indent = key.group("indent").length();
                while (!open.isEmpty() && open.peek().indent() >= indent) {
                    open.pop();
                }
                String path = open.isEmpty() ? key.group("key") : open.peek().path() + "." + key.group("key");
                boolean commented = previous.startsWith("#");
                boolean insideDocumentedBlock = open.stream().anyMatch(Open::documentedBlock);
                boolean leaf = !key.group("value").isBlank();
                if (leaf && !commented && !insideDocumentedBlock) {
                    missing.add(path);
                }
                if (!leaf) {
                    open.push(new Open(indent, path, commented && commentStart.startsWith("# --")));
                }
            }
            if (!line.isBlank() && !line.strip().startsWith("- ")) {
                String significant = line.strip();
                if (significant.startsWith("#") && !previous.startsWith("#")) {
                    commentStart = significant;
                }
                previous = significant;
            }
        }
        return missing;
    }
}
