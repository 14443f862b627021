package dev.switchboard;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's command line: only Spring properties (or nothing) start it; anything else prints usage. */
@Timeout(120)
class SwitchboardApplicationLauncherTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final List<String[]> started = new ArrayList<>();

    private int run(String... args) {
        return SwitchboardApplication.run(args, out, err, started::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void run_whenHelpAsked_thenUsageOnStdoutNonZeroAndGatewayNotStarted(String arg) {
        assertThat(run(arg)).isEqualTo(SwitchboardApplication.USAGE_STATUS);
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: java -jar switchboard.jar")
                .contains("--switchboard.sea.listener.port=9000")
                .contains("java -jar switchboard-tools.jar <tool> --help");
        assertThat(started).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "hlep", "-x", "switchboard.sea.listener.port=9000"})
    void run_whenFirstArgumentIsNoOption_thenUsageOnStderrNonZeroAndGatewayNotStarted(String arg) {
        assertThat(run(arg, "--server.port=0")).isEqualTo(SwitchboardApplication.USAGE_STATUS);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .startsWith("unknown argument '" + arg + "'")
                .contains("Usage: java -jar switchboard.jar");
        assertThat(started).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seasend", "ed-signal", "example-client", "load"})
    void run_whenMovedToolNamed_thenPointerToToolsJarAndGatewayNotStarted(String tool) {
        assertThat(run(tool, "--help")).isEqualTo(SwitchboardApplication.USAGE_STATUS);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .isEqualTo(tool + " moved: java -jar switchboard-tools.jar " + tool + " …" + System.lineSeparator());
        assertThat(started).isEmpty();
    }

    @Test
    void run_whenNoArgumentsOrSpringProperties_thenGatewayStartedWithThem() {
        assertThat(run()).isZero();
        assertThat(run("--switchboard.sea.listener.port=9000", "help")).isZero();
        assertThat(started).hasSize(2);
        assertThat(started.get(0)).isEmpty();
        assertThat(started.get(1)).containsExactly("--switchboard.sea.listener.port=9000", "help");
        assertThat(outBytes.size() + errBytes.size()).isZero();
    }

    /** The real {@code main} in its own JVM: it must exit by itself, with usage, long before any timeout. */
    @Test
    void main_whenHelp_thenProcessExitsNonZeroWithUsage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SwitchboardApplication.class.getName(), "--help")
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("exited by itself; output: %s", output).isTrue();
        assertThat(process.exitValue()).isEqualTo(SwitchboardApplication.USAGE_STATUS);
        assertThat(output).startsWith("Usage: java -jar switchboard.jar").doesNotContain("Started", "Netty");
    }
}
