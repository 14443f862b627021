package dev.switchboard.tools.example;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EdSignal} against plain loopback sockets: the exact bytes of spec §9's examples, the §9.4
 * option rules and the exit codes. (The tool against the real server is in the integration tests.)
 */
@Timeout(30)
class EdSignalTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private ServerSocket tcp;
    private DatagramSocket udp;

    @AfterEach
    void close() throws Exception {
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
    }

    @Test
    void tcp_whenReadmeForm_thenExactlyQuitLfAndExitZeroOnEof() throws Exception {
        tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> acceptReadAndReply(null));

        int code = EdSignal.run(args("--server 127.0.0.1:" + tcp.getLocalPort() + " --type tcp --message QUIT"),
                out, err);

        assertThat(code).isZero();
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(0x51, 0x55, 0x49, 0x54, 0x0A);   // QUIT LF
    }

    @Test
    void tcp_whenReplyRequested_thenFirstLinePrinted() throws Exception {
        tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> acceptReadAndReply("CLIMB\nWHO\n"));

        int code = EdSignal.run(args("-H 127.0.0.1:" + tcp.getLocalPort() + " -t tcp -m DAD -r"), out, err);

        assertThat(code).isZero();
        assertThat(new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII)).isEqualTo("DAD\n");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("CLIMB" + System.lineSeparator());
    }

    @Test
    void tcp_whenCurrentFormWithDestinationAndParams_thenRoutedSortedLine() throws Exception {
        tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> acceptReadAndReply(null));

        int code = EdSignal.run(args("--host=127.0.0.1:" + tcp.getLocalPort()
                + " --type=tcp --server srv --service svc -p b=2 -p a -p q=x;y --secret-code s FOO"), out, err);

        assertThat(code).isZero();
        assertThat(new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo("srv:svc/FOO a=;b=2;q=\"x;y\"\n");   // secret_code is UDP only
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("UDP only");
    }

    @Test
    void tcp_whenMessageCarriesDestination_thenWritten() throws Exception {
        tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> acceptReadAndReply(null));

        int code = EdSignal.run(args("-H :" + tcp.getLocalPort() + " -t tcp -m a:b/STOP"), out, err);

        assertThat(code).isZero();
        assertThat(new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("a:b/STOP\n");
    }

    @Test
    void udp_whenReadmeFormAndCurrentFormWithSecret_thenExactDatagrams() throws Exception {
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        udp.setSoTimeout(10_000);

        assertThat(EdSignal.run(args("--server 127.0.0.1:" + udp.getLocalPort() + " --message LOG_ROTATE"), out, err))
                .isZero();
        assertThat(receive()).isEqualTo("LOG_ROTATE");   // no LF on UDP (§2.2)

        assertThat(EdSignal.run(args("-H 127.0.0.1:" + udp.getLocalPort() + " -m LOG_ROTATE -c abc"), out, err))
                .isZero();
        assertThat(receive()).isEqualTo("LOG_ROTATE secret_code=abc");
    }

    @Test
    void udp_whenOver1024Bytes_thenExitOneAndNothingSent() throws Exception {
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());

        int code = EdSignal.run(args("-H 127.0.0.1:" + udp.getLocalPort() + " -m LOG_ROTATE -p x="
                + "y".repeat(1020)), out, err);

        assertThat(code).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("over the UDP limit");
    }

    @Test
    void run_whenBadCommandOrOption_thenExitOne() {
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m quit"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m HI-THERE"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m 9X"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m QUIT -t sctp"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m QUIT -p 1a=b"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m QUIT --bogus"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m QUIT -e true"), out, err)).isEqualTo(1);
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -S bad-service -m QUIT"), out, err)).isEqualTo(1);
    }

    @Test
    void run_whenHelpOrVersion_thenExitZero() {
        assertThat(EdSignal.run(args("--help"), out, err)).isZero();
        assertThat(EdSignal.run(args("--version"), out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("Usage: ed-signal").contains("ed-signal (");
    }

    @Test
    void tcp_whenConnectionRefused_thenExitOne() throws Exception {
        // A bound socket that does not listen makes connects to its port fail with "connection refused".
        try (Socket reserved = new Socket()) {
            reserved.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            int code = EdSignal.run(args("-H 127.0.0.1:" + reserved.getLocalPort() + " -t tcp -m QUIT"), out, err);

            assertThat(code).isEqualTo(1);
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("failed");
        }
    }

    private byte[] acceptReadAndReply(String reply) {
        try (Socket s = tcp.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            if (reply != null) {
                s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            return line.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String receive() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        udp.receive(packet);
        return new String(Arrays.copyOf(packet.getData(), packet.getLength()), StandardCharsets.UTF_8);
    }

    private static String[] args(String line) {
        return line.split(" ");
    }

    @Test
    void udp_whenEqualsFormAndRepeatedMessage_thenLastMessageSent() throws Exception {
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        udp.setSoTimeout(10_000);

        assertThat(EdSignal.run(args("--host=127.0.0.1:" + udp.getLocalPort() + " --type=udp -m FIRST --message=SECOND"
                + " --param=k=v"), out, err)).isZero();
        assertThat(receive()).isEqualTo("SECOND k=v");
    }

    @Test
    void run_whenHelp_thenEveryDocumentedOptionListed() {
        assertThat(EdSignal.run(args("-h"), out, err)).isZero();
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: ed-signal [options] [--message] [[server:]service/]COMMAND")
                .contains("-H, --host=<ip[:port]>", "-s, --server=<name|addr>", "-S, --service=<name>",
                        "-t, --type=tcp|udp", "-m, --message=<command>", "-p, --param=<name>[=value]",
                        "-c, --secret-code=<code>", "-r, --reply", "--timeout=<seconds>", "-e, --encrypt=<bool>",
                        "-h, --help", "--version", "Exit status: 0");
        assertThat(errBytes.size()).isZero();
    }

    @Test
    void run_whenUnknownOption_thenReasonOnStderr() {
        assertThat(EdSignal.run(args("-H 127.0.0.1:1 -m QUIT --bogus"), out, err)).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).startsWith("ed-signal: Unknown option: '--bogus'");
    }
}
