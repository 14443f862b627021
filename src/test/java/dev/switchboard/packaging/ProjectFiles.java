package dev.switchboard.packaging;

import java.nio.file.Path;

/** Paths of the packaging files, relative to the project root where Surefire runs the tests. */
final class ProjectFiles {

    static final Path CHART = Path.of("helm", "switchboard");
    static final Path CHART_VALUES = CHART.resolve("values.yaml");
    static final Path APP_CONFIG = Path.of("config", "application.yml");
    static final Path DOCKERFILE = Path.of("Dockerfile");

    private ProjectFiles() {
    }
}
