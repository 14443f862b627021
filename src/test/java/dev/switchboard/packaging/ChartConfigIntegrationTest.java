package dev.switchboard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.core.shutdown.ShutdownProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real application with the chart's rendered application.yml layered over
 * config/application.yml the way the pod does, and calls the paths the chart's probes and
 * ServiceMonitor use on the management port.
 */
@Timeout(120)
class ChartConfigIntegrationTest {

    @TempDir
    Path tmp;

    @Test
    void boot_whenChartConfigLayeredOverImageConfig_thenItsValuesWinAndProbePathsAnswer() throws Exception {
        var chart = Charts.render(tmp, """
                shutdown:
                  drainTimeoutSeconds: 33
                """);
        var configMap = chart.get("ConfigMap", Charts.FULLNAME).get("data").map();
        Path mounted = Files.createDirectories(tmp.resolve("config").resolve("helm"));
        Files.writeString(mounted.resolve("application.yml"), (String) configMap.get("application.yml"));

        // The working directory supplies ./config/application.yml as /app does in the image; the
        // rendered file comes through the same "config/*/" wildcard Boot applies to ./config/.
        // Port 0 (a command-line argument, above any file) keeps the test off the real 8081.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--spring.config.additional-location=optional:file:" + tmp.resolve("config") + "/*/",
                        "--server.port=0")) {
            var environment = context.getEnvironment();
            int port = environment.getRequiredProperty("local.server.port", Integer.class);

            assertThat(context.getBean(ShutdownProperties.class).drainTimeout()).isEqualTo(Duration.ofSeconds(33));
            assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("43s");
            assertThat(get(port, "/actuator/health/liveness")).isEqualTo("200 UP");
            assertThat(get(port, "/actuator/health/readiness")).isEqualTo("200 UP");
            assertThat(get(port, "/actuator/prometheus")).startsWith("200 ");
        }
    }

    /** Status code, then "UP" when the body reports it, else the first line of the body. */
    private static String get(int port, String path) throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return response.statusCode() + " " + (body.contains("\"status\":\"UP\"") ? "UP" : body.lines().findFirst().orElse(""));
    }
}
