package dev.switchboard.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tools jar's launcher picks a tool by name and passes its exit status on. */
class ToolsTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void run_whenHelp_thenToolListAndZero(String arg) {
        assertThat(Tools.run(new String[] {arg}, out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: java -jar switchboard-tools.jar <tool>")
                .contains("example-client", "ed-signal", "seasend", "load", "bridge-latency")
                .contains("sea-unpaced", "sea-paced", "sea-trickle", "rooms-broadcast");
    }

    @Test
    void run_whenLoadHelp_thenScenariosListed() {
        assertThat(Tools.run(new String[] {"load", "--help"}, out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .contains("sea-unpaced", "sea-paced", "sea-trickle", "rooms-broadcast");
    }

    @Test
    void run_whenNoTool_thenUsageOnStderrAndUsageStatus() {
        assertThat(Tools.run(new String[0], out, err)).isEqualTo(Tools.USAGE_STATUS);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar switchboard-tools.jar");
    }

    @Test
    void run_whenToolMisspelt_thenNamedAndUsageStatus() {
        assertThat(Tools.run(new String[] {"seasned", "--help"}, out, err)).isEqualTo(Tools.USAGE_STATUS);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).startsWith("unknown tool 'seasned'");
        assertThat(outBytes.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example-client", "ed-signal", "seasend", "load", "bridge-latency"})
    void run_whenToolHelp_thenThatToolsUsageAndZero(String tool) {
        assertThat(Tools.run(new String[] {tool, "--help"}, out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: " + tool);
    }

    @Test
    void run_whenToolFails_thenItsStatusIsReturned() {
        assertThat(Tools.run(new String[] {"ed-signal", "--bogus"}, out, err)).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--bogus'");
        errBytes.reset();
        assertThat(Tools.run(new String[] {"load", "--protocol", "sea", "--host", "192.0.2.1"}, out, err))
                .isEqualTo(2);
    }
}
