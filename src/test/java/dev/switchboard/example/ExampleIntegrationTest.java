package dev.switchboard.example;

import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.NettyListener;
import dev.switchboard.tools.example.EdSignal;
import dev.switchboard.support.ManagementClient;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.switchboard.example.support.LineSockets.readLine;
import static dev.switchboard.example.support.LineSockets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The example protocol end to end on real loopback sockets: the conversation byte-exact (spec §6.1),
 * the stateless and UNKNOWN rules (§5, §6.2), malformed input, QUIT over TCP and the unix socket
 * (§6.4), LOG_ROTATE over UDP (§8) and ed-signal (§9) against the running gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "switchboard.example.listeners.tcp.host=127.0.0.1",
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.host=127.0.0.1",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.example.listeners.unix.enabled=true",
        "switchboard.example.listeners.unix.path=" + ExampleIntegrationTest.SOCKET,
        "switchboard.example.max-line-length=1KB",
        "switchboard.admin.password=pw"})
@Timeout(60)
class ExampleIntegrationTest {

    static final String SOCKET = "target/example-it/example.sock";
    static final String LOG_FILE = "target/example-it/switchboard.log";
    private static final List<String> LISTENERS = List.of(
            ExampleConfiguration.TCP_LISTENER, ExampleConfiguration.UNIX_LISTENER, ExampleConfiguration.UDP_LISTENER);

    @Autowired
    Environment environment;

    @Autowired
    ListenerRegistry registry;

    /** QUIT tests stop the example listeners; the next test gets them back (on new ports). */
    @AfterEach
    void restartStoppedListeners() {
        for (String name : LISTENERS) {
            if (!registry.find(name).orElseThrow().isRunning()) {
                registry.start(name);
            }
        }
    }

    @Test
    void conversation_whenClientFollowsTranscript_thenEveryByteMatchesSpec() throws Exception {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(3)).containsExactly(0x48, 0x49, 0x0A);                        // HI LF
            send(socket, new byte[] {0x44, 0x41, 0x44, 0x0A});                                     // DAD LF
            assertThat(in.readNBytes(6)).containsExactly(0x43, 0x4C, 0x49, 0x4D, 0x42, 0x0A);      // CLIMB LF
            send(socket, new byte[] {0x54, 0x4F, 0x50, 0x0A});                                     // TOP LF
            assertThat(in.readNBytes(4)).containsExactly(0x57, 0x48, 0x4F, 0x0A);                  // WHO LF
            send(socket, new byte[] {0x4D, 0x4F, 0x4D, 0x0A});                                     // MOM LF
            assertThat(in.readNBytes(4)).containsExactly(0x42, 0x59, 0x45, 0x0A);                  // BYE LF
        }
        try (Socket again = connect()) {
            assertThat(readLine(again)).isEqualTo("HI");   // the server keeps listening (§6.1 step 9)
        }
    }

    @Test
    void conversation_whenOutOfOrderRepeatedAndCrlf_thenEachLineAnswered() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, "MOM\nDAD\r\nDAD\nTOP\n");
            assertThat(readLines(socket, 4)).containsExactly("BYE", "CLIMB", "CLIMB", "WHO");
        }
    }

    @Test
    void unknown_whenOtherCommands_thenUnknownRoutedBackOnSameConnection() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, "<host:ed_signal FOO\nlower x=1\nHI\nHI-THERE\n<my-host:x DAD\n");
            assertThat(readLines(socket, 5)).containsExactly(
                    "host:ed_signal/UNKNOWN command=FOO",
                    "UNKNOWN command=lower",
                    "UNKNOWN command=HI",
                    "UNKNOWN command=HI-THERE",
                    "CLIMB");
        }
    }

    @Test
    void malformed_whenUnparsableInvalidUtf8NulOrGarbageLines_thenIgnoredAndConnectionKept() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, "CMD a=\"x\"y\n\n   \n");                                      // X2, empty, blank
            send(socket, new byte[] {'D', 'A', 'D', ' ', 'a', '=', (byte) 0xC3, 0x28, '\n'});  // invalid UTF-8
            send(socket, new byte[] {'D', 'A', 'D', 0x00, '\n'});                             // NUL
            send(socket, new byte[] {(byte) 0x80, (byte) 0xFF, 0x01, (byte) 0xFE, '\n', 0x7F, ' ', '=', '\n'});
            send(socket, "TOP\n");
            assertThat(readLine(socket)).isEqualTo("WHO");   // nothing came back for the bad lines
        }
    }

    @Test
    void malformed_whenLineOverMaximum_thenConnectionClosedAndServerStillServing() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, "DAD x=" + "v".repeat(2000));   // over the 1KB test limit, no LF
            assertClosedByServer(socket);
        }
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
        }
    }

    @Test
    void malformed_whenBinaryGarbageWithoutLf_thenConnectionClosed() throws Exception {
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (0x80 | (i * 31));   // never 0x0A
        }
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, garbage);
            assertClosedByServer(socket);
        }
    }

    @Test
    void malformed_whenHalfALineThenClose_thenDroppedWithoutReply() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
            send(socket, "DA");
            socket.shutdownOutput();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);   // no CLIMB for half a DAD
        }
        try (Socket socket = connect()) {
            assertThat(readLine(socket)).isEqualTo("HI");
        }
    }

    @Test
    void edSignal_whenTcpMessageWithReply_thenPrintsTheFirstLineWhichIsHi() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EdSignal.run(new String[] {"--server", "127.0.0.1:" + tcpPort(), "--type", "tcp",
                "--message", "DAD", "--reply"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        // §9.3: ed-signal prints the first line it receives, and this server always speaks HI first (§6.1).
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("HI" + System.lineSeparator());
    }

    @Test
    void quit_whenFromLoopbackViaEdSignal_thenListenersStopButOpenConnectionsAndGatewayLive() throws Exception {
        int port = tcpPort();
        try (Socket survivor = connect()) {
            assertThat(readLine(survivor)).isEqualTo("HI");

            int code = EdSignal.run(new String[] {"--server", "127.0.0.1:" + port, "--type", "tcp",
                    "--message", "QUIT"}, System.out, System.err);
            assertThat(code).isZero();

            awaitExampleListenersStopped();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class);
            send(survivor, "DAD\n");
            assertThat(readLine(survivor)).isEqualTo("CLIMB");   // §6.4 step 4
            assertThat(health()).startsWith("200 ").contains("\"status\":\"UP\"");
        }
    }

    @Test
    void quit_whenOperatorStartsAnyExampleListener_thenEveryListenerQuitStoppedIsBackAndReadinessFollowsTheDocs()
            throws Exception {
        ManagementClient operator = new ManagementClient(environment, "admin", "pw");
        int code = EdSignal.run(new String[] {"--server", "127.0.0.1:" + tcpPort(), "--type", "tcp",
                "--message", "QUIT"}, System.out, System.err);
        assertThat(code).isZero();
        awaitExampleListenersStopped();

        // Documented: a stop on purpose (QUIT or an operator) leaves readiness UP and shows "stopped".
        HttpResponse<String> readiness = operator.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        for (String name : LISTENERS) {
            assertThat(readiness.body()).contains("\"" + name + "\":\"stopped\"");
        }

        HttpResponse<String> started = operator.post("/actuator/listeners/" + ExampleConfiguration.TCP_LISTENER,
                "{\"action\":\"start\"}");
        assertThat(started.statusCode()).isEqualTo(200);

        assertThat(LISTENERS).allSatisfy(name -> assertThat(registry.find(name).orElseThrow().isRunning())
                .as(name).isTrue());
        readiness = operator.get("/actuator/health/readiness");
        assertThat(readiness.body()).contains("\"status\":\"UP\"").doesNotContain("stopped");
        try (Socket socket = connect(); SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThat(readLine(socket)).isEqualTo("HI");
            unix.connect(UnixDomainSocketAddress.of(Path.of(SOCKET)));
            assertThat(Channels.newInputStream(unix).readNBytes(3)).isEqualTo("HI\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void quit_whenSentOverUnixSocket_thenNoReplyConnectionClosedAndListenersStopped() throws Exception {
        try (SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.connect(UnixDomainSocketAddress.of(Path.of(SOCKET)));
            InputStream in = Channels.newInputStream(unix);
            assertThat(in.readNBytes(3)).isEqualTo("HI\n".getBytes(StandardCharsets.US_ASCII));
            unix.write(ByteBuffer.wrap("DAD\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(in.readNBytes(6)).isEqualTo("CLIMB\n".getBytes(StandardCharsets.US_ASCII));

            unix.write(ByteBuffer.wrap("QUIT\n".getBytes(StandardCharsets.US_ASCII)));

            assertThat(in.read()).isEqualTo(-1);
        }
        awaitExampleListenersStopped();
        assertThat(Path.of(SOCKET)).doesNotExist();
        assertThat(health()).startsWith("200 ").contains("\"status\":\"UP\"");
    }

    /**
     * Spring Boot configures Logback once per JVM, so a {@code logging.file.name} of this context would be
     * ignored when another test's context started first: the test attaches its own file appender, which
     * is exactly what LOG_ROTATE looks for in the Logback context.
     */
    private static FileAppender<ILoggingEvent> attachFileAppender(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %-5level %logger - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("example-it-file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    @Test
    void logRotate_whenLogFileDeletedAndLogRotateDatagram_thenFileRecreatedWithMarker() throws Exception {
        Path log = Path.of(LOG_FILE);
        FileAppender<ILoggingEvent> appender = attachFileAppender(log);
        try {
            logRotateRecreatesDeletedFile(log);
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME)
                    .detachAppender(appender);
            appender.stop();
        }
    }

    private void logRotateRecreatesDeletedFile(Path log) throws Exception {
        LoggerFactory.getLogger(ExampleIntegrationTest.class).info("before rotation");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log));
        // QUIT over UDP is not recognised (§6.4 step 6): the listener ignores it and keeps running.
        assertThat(EdSignal.run(new String[] {"-H", "127.0.0.1:" + udpPort(), "-m", "QUIT"}, System.out, System.err))
                .isZero();
        Files.delete(log);

        int code = EdSignal.run(new String[] {"-H", "127.0.0.1:" + udpPort(), "-m", "LOG_ROTATE"},
                System.out, System.err);

        assertThat(code).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                && Files.readString(log).contains("LOG_ROTATE: 1 log file(s) reopened"));
        assertThat(registry.find(ExampleConfiguration.UDP_LISTENER).orElseThrow().isRunning()).isTrue();
        assertThat(registry.find(ExampleConfiguration.TCP_LISTENER).orElseThrow().isRunning()).isTrue();
    }

    private void awaitExampleListenersStopped() {
        await().atMost(Duration.ofSeconds(10)).until(() -> LISTENERS.stream()
                .map(name -> registry.find(name).orElseThrow())
                .noneMatch(NettyListener::isRunning));
    }

    /**
     * The server closed without sending anything more: EOF, or a reset when it closed with our bytes
     * still unread in its receive buffer.
     */
    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException e) {
            assertThat(e.getMessage()).containsIgnoringCase("reset");
        }
    }

    private int tcpPort() {
        return environment.getRequiredProperty("local.switchboard.example-tcp.port", Integer.class);
    }

    private int udpPort() {
        return environment.getRequiredProperty("local.switchboard.example-udp.port", Integer.class);
    }

    private String health() throws Exception {
        int port = environment.getRequiredProperty("local.management.port", Integer.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static List<String> readLines(Socket socket, int count) throws IOException {
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = readLine(socket);
        }
        return List.of(lines);
    }
}
