package dev.switchboard.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Renders the chart with the real Helm library, as {@code helm template} would. */
final class Charts {

    static final String RELEASE = "sb";
    static final String NAMESPACE = "gateway";
    /** The full name the chart gives release {@link #RELEASE}'s resources. */
    static final String FULLNAME = RELEASE + "-switchboard";
    /**
     * The cluster version templates render for. The Helm library's built-in default (v1.20.0) is
     * older than the chart's kubeVersion constraint; the helm CLI reports a current one.
     */
    static final String KUBE_VERSION = "v1.30.0";

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

    /**
     * Renders the chart's hooks (the {@code helm test} pod) too. The Helm library's template command
     * leaves hook manifests out, so this renders a copy of the chart whose hook annotations are
     * renamed; everything else, values and schema included, is the chart as shipped.
     */
    static RenderedChart renderWithHooks(Path dir, String valuesYaml) {
        Path copy = dir.resolve("chart-with-hooks");
        try (Stream<Path> files = Files.walk(ProjectFiles.CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(ProjectFiles.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(source).replace("helm.sh/hook", "rendered-by-test/hook"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RenderedChart.parse(new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile(dir, valuesYaml)).call());
    }

    private static TemplateCommand template() {
        return new Helm(ProjectFiles.CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
    }

    private static Path valuesFile(Path dir, String valuesYaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "values-", ".yaml"), valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
