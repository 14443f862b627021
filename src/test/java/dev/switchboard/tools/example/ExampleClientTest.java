package dev.switchboard.tools.example;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExampleClient} against a scripted loopback server: the §6.3 reactions, no reply to UNKNOWN,
 * reconnect after a drop (§7), and option errors.
 */
@Timeout(30)
class ExampleClientTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private ServerSocket server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void run_whenServerSpeaksTheConversation_thenRepliesInOrderIgnoresUnknownAndExitsZeroOnBye() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Integer> client = startClient("--server", "127.0.0.1:" + server.getLocalPort());

        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream o = s.getOutputStream();
            o.write("HI\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("DAD");
            // UNKNOWN and INVALID get no answer (D7); the next line the server reads answers CLIMB.
            o.write("UNKNOWN command=X\nINVALID command=Y\nCLIMB\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("TOP");
            o.write("<srv:svc SOMETHING\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("srv:svc/UNKNOWN command=SOMETHING");
            o.write("WHO\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("MOM");
            o.write("BYE\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isNull();   // the client closes after BYE
        }
        assertThat(client.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void run_whenConnectionDropsBeforeBye_thenReconnectsAndRestartsWithHi() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Integer> client = startClient("-s", "127.0.0.1:" + server.getLocalPort(),
                "--reconnect-delay", "0.2");

        try (Socket first = server.accept()) {
            first.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            first.getOutputStream().write("HI\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("DAD");
        }
        try (Socket second = server.accept()) {
            second.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
            second.getOutputStream().write("HI\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("DAD");
            second.getOutputStream().write("BYE\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(client.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("connection lost before BYE");
    }

    @Test
    void run_whenBadOptions_thenExitOne() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        assertThat(ExampleClient.run(new String[] {"--reconnect-delay", "-1"}, out, err)).isEqualTo(1);
        assertThat(ExampleClient.run(new String[] {"--server", "host:0"}, out, err)).isEqualTo(1);
        assertThat(ExampleClient.run(new String[] {"--nope"}, out, err)).isEqualTo(1);
        assertThat(ExampleClient.run(new String[] {"--help"}, out, err)).isZero();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("Usage: example-client");
    }

    private CompletableFuture<Integer> startClient(String... args) {
        return CompletableFuture.supplyAsync(() -> ExampleClient.run(args, out, System.err));
    }

    @Test
    void run_whenHelpOrUnknownOption_thenUsageWithEveryOption() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        assertThat(ExampleClient.run(new String[] {"-h"}, out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: example-client [--server <ip[:port]>] [--reconnect-delay <seconds>]")
                .contains("-s, --server=<ip[:port]>", "-d, --reconnect-delay=<seconds>", "-h, --help", "Exit status: 0");
        assertThat(ExampleClient.run(new String[] {"-s", "127.0.0.1:1", "extra"}, out, err)).isEqualTo(1);
        assertThat(ExampleClient.run(new String[] {"--reconnect-delay=abc"}, out, err)).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("example-client: Unmatched argument", "extra",
                "example-client: invalid --reconnect-delay 'abc'");
    }
}
