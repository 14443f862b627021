package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway started in-process with each bad setting: it refuses to start, and the startup report
 * Spring Boot prints names the key or the listener with its address and port, without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class StrictConfigurationIntegrationTest {

    private static RuntimeException startFailure(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            throw new AssertionError("the gateway started with " + String.join(" ", args));
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private static String chain(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void start_whenKeyMisspelt_thenRefusedNamingTheKey(CapturedOutput output) {
        RuntimeException failure = startFailure("--switchboard.sea.flood-treshold=2");

        assertThat(chain(failure)).contains("switchboard.sea.flood-treshold");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Unknown configuration key: switchboard.sea.flood-treshold")
                .doesNotContain("\tat dev.switchboard");
    }

    @Test
    void start_whenProtocolCannotUseTransport_thenRefusedNamingTheKey(CapturedOutput output) {
        RuntimeException failure = startFailure("--switchboard.sea.listener.transport=udp");

        assertThat(chain(failure)).contains("switchboard.sea.listener.transport");
        assertThat(output.getOut()).contains("Property: switchboard.sea.listener.transport")
                .contains("this protocol cannot use transport udp; it serves tcp or unix");
    }

    @Test
    void start_whenTwoListenersShareAPort_thenRefusedNamingBoth(CapturedOutput output) throws IOException {
        int port = freePort();
        RuntimeException failure = startFailure("--switchboard.sea.listener.port=" + port,
                "--switchboard.http.listeners.http.port=" + port);

        assertThat(chain(failure)).contains("Listeners http and sea are both configured for tcp 0.0.0.0:" + port);
        assertThat(output.getOut()).contains("Listeners http and sea are both configured for tcp 0.0.0.0:" + port)
                .doesNotContain("\tat dev.switchboard");
    }

    @Test
    void start_whenPortInUse_thenRefusedNamingListenerAddressAndPort(CapturedOutput output) throws IOException {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = occupied.getLocalPort();
            RuntimeException failure = startFailure("--switchboard.sea.listener.port=" + port);

            assertThat(chain(failure)).contains("Listener sea cannot bind tcp 0.0.0.0:" + port);
            assertThat(output.getOut()).contains("Listener sea cannot bind tcp 0.0.0.0:" + port)
                    .doesNotContain("\tat dev.switchboard");
        }
    }

    @Test
    void start_whenRoomsLimitAboveWhatHttpListenersAdmit_thenRefusedNamingBothKeys(CapturedOutput output) {
        RuntimeException failure = startFailure("--switchboard.rooms.max-connections=3001",
                "--switchboard.http.listeners.http.max-connections=2000",
                "--switchboard.http.listeners.http-legacy.max-connections=1000",
                "--switchboard.sea.listener.port=0", "--switchboard.http.listeners.http.port=0",
                "--switchboard.http.listeners.http-legacy.port=0", "--switchboard.example.listeners.tcp.port=0",
                "--switchboard.example.listeners.udp.port=0");

        String expected = "switchboard.rooms.max-connections=3001 is more than the HTTP listeners admit together "
                + "(switchboard.http.listeners.http.max-connections=2000 + "
                + "switchboard.http.listeners.http-legacy.max-connections=1000 = 3000)";
        assertThat(chain(failure)).contains(expected);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(expected)
                .contains("Set switchboard.rooms.max-connections to at most 3000")
                .doesNotContain("\tat dev.switchboard");
    }
}
