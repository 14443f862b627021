package dev.switchboard.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}; {@code .ci/run} installs it) on a
 * loopback port, for tests of the cluster engine: no mocks of Redis. Without persistence it runs with
 * {@code --save '' --appendonly no}; with it, it keeps an append-only file in its own temporary
 * directory, so {@link #stop()} then {@link #start()} is a Redis restart that keeps its data.
 *
 * <p>redis-server cannot report a port it chose itself, so the port is taken from a socket the OS
 * just assigned and closed; if another process grabs it in between, the start is retried on another.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final boolean persistent;
    private final Path directory;
    private int port;
    private Process process;

    private RedisServer(boolean persistent) throws IOException {
        this.persistent = persistent;
        this.directory = Files.createTempDirectory("switchboard-redis-");
    }

    /** Starts a server without persistence (a restart empties it). Skips the test when redis-server is missing. */
    public static RedisServer startEphemeral() {
        return create(false);
    }

    /** Starts a server with an append-only file (a restart keeps its data). */
    public static RedisServer startPersistent() {
        return create(true);
    }

    private static RedisServer create(boolean persistent) {
        assumeTrue(Files.isExecutable(BINARY), "redis-server is not installed at " + BINARY
                + " (apt-get install redis-server; .ci/run does it)");
        try {
            RedisServer server = new RedisServer(persistent);
            server.startOnNewPort();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts it again on the same port after {@link #stop()} or {@link #kill()}. */
    public void start() {
        if (!launch(port)) {
            throw new IllegalStateException("redis-server did not start again on port " + port + ": " + log());
        }
    }

    /** Stops it as an operator would (SIGTERM: a persistent server writes its file first). */
    public void stop() {
        end(false);
    }

    /** Kills it (SIGKILL). */
    public void kill() {
        end(true);
    }

    /** Sends one command (inline form) and returns the raw reply, for checks on what Redis holds. */
    public String command(String... words) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        end(true);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void startOnNewPort() throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                candidate = socket.getLocalPort();
            }
            if (launch(candidate)) {
                port = candidate;
                return;
            }
        }
        throw new IllegalStateException("redis-server did not start: " + log());
    }

    /** Starts redis-server on {@code candidate} and waits until it answers PING; false if it exited. */
    private boolean launch(int candidate) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(candidate),
                "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "", "--daemonize", "no",
                "--protected-mode", "no", "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = candidate;
        try {
            Awaitility.await("redis-server on port " + candidate).atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || answersPing());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            end(true);
            return false;
        }
        return process.isAlive();
    }

    private boolean answersPing() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String log() {
        try {
            Path file = directory.resolve("redis.log");
            return Files.exists(file) ? Files.readString(file) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
