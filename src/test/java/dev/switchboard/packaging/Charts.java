package dev.switchboard.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders the chart with the real Helm library, as {@code helm template} would. */
final class Charts {

    static final String RELEASE = "sb";
    static final String NAMESPACE = "gateway";
    /** The full name the chart gives release {@link #RELEASE}'s resources. */
    static final String FULLNAME = RELEASE + "-switchboard";

    private Charts() {
    }

    static RenderedChart render() {
        return RenderedChart.parse(template().call());
    }

    /** Renders with extra values given as YAML, written to a file in {@code dir}. */
    static RenderedChart render(Path dir, String valuesYaml) {
        return RenderedChart.parse(template().withValuesFile(valuesFile(dir, valuesYaml)).call());
    }

    static RenderedChart render(Path valuesFile) {
        return RenderedChart.parse(template().withValuesFile(valuesFile).call());
    }

    /** Renders with extra values that must be refused; returns Helm's error message. */
    static String renderFailure(Path dir, String valuesYaml) {
        var command = template().withValuesFile(valuesFile(dir, valuesYaml));
        try {
            String output = command.call();
            throw new AssertionError("helm template accepted the values and rendered:\n" + output);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static TemplateCommand template() {
        return new Helm(ProjectFiles.CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    private static Path valuesFile(Path dir, String valuesYaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "values-", ".yaml"), valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
