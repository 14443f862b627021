package dev.switchboard.tools.bridge;

import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.tools.codec.rooms.WebSocketFrames;
import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Latency across the gateway's bridge, both ways at once: SEA clients and browser members (WebSocket) in the
 * bridged room; one SEA user and one member each send paced group messages carrying their send time, and every
 * client records how long each took to arrive — on the other side (bridged) and on the sender's own side (the
 * unbridged delivery of the same messages, so the bridge's cost is a ratio measured in one run). Blocking sockets, one reader thread per client:
 * meant for the bridge's modest rates, not for saturation.
 */
public final class BridgeLatency {

    @Command(name = "bridge-latency", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"Measures SEA -> room and room -> SEA latency through the gateway's bridge",
                "(start the gateway with --switchboard.bridge.enabled=true and a SEA connection class",
                "that does not throttle the senders, e.g. 127.0.0.0/8:30:1000:100000).", ""})
    static final class Options {
        @Option(names = "--host", description = "gateway address (default ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--sea-port", description = "SEA listener port (default ${DEFAULT-VALUE})")
        int seaPort = 8732;
        @Option(names = "--http-port", description = "HTTP/WebSocket listener port (default ${DEFAULT-VALUE})")
        int httpPort = 8080;
        @Option(names = "--room", description = "the bridged room (default ${DEFAULT-VALUE})")
        String room = "sea";
        @Option(names = "--sea-users", description = "SEA clients (default ${DEFAULT-VALUE})")
        int seaUsers = 100;
        @Option(names = "--members", description = "browser members (default ${DEFAULT-VALUE})")
        int members = 100;
        @Option(names = "--rate", description = "messages per second from each side (default ${DEFAULT-VALUE})")
        double rate = 20;
        @Option(names = "--duration", description = "measured time, e.g. 10s (default ${DEFAULT-VALUE})")
        Duration duration = Duration.ofSeconds(10);
        @Option(names = "--warmup", description = "unmeasured time before it (default ${DEFAULT-VALUE})")
        Duration warmup = Duration.ofSeconds(2);
        @Option(names = "--drain", description = "longest wait for the last messages after sending stops "
                + "(default ${DEFAULT-VALUE})")
        Duration drain = Duration.ofSeconds(5);
    }

    /** One direction's samples (nanoseconds), appended by many reader threads. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;
        final AtomicLong sent = new AtomicLong();

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
            notifyAll();
        }

        /**
         * Waits until every message sent has reached each of {@code receivers}, or until {@code deadlineNanos}
         * ({@link System#nanoTime()}); returns whether all arrived.
         */
        synchronized boolean awaitComplete(int receivers, long deadlineNanos) throws InterruptedException {
            long expected = sent.get() * receivers;
            long left;
            while (size < expected && (left = deadlineNanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return size >= expected;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    private BridgeLatency() {
    }

    /** Entry point for the tools launcher. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options();
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, text -> Duration.parse("PT" + text.toUpperCase()));
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            cli.usage(err);
            return 2;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return 0;
        }
        try {
            measure(options, out);
            return 0;
        } catch (IOException | InterruptedException e) {
            err.println("bridge-latency: " + e);
            return 1;
        }
    }

    private static void measure(Options o, PrintStream out) throws IOException, InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        Samples seaToRoom = new Samples();
        Samples roomToSea = new Samples();
        // The same messages as seen by their own side: the unbridged delivery, measured in the same run.
        Samples seaToSea = new Samples();
        Samples roomToRoom = new Samples();
        List<Socket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try {
            List<OutputStream> seaOut = new ArrayList<>();
            for (int i = 0; i < o.seaUsers; i++) {
                Socket socket = connect(o.host, o.seaPort);
                sockets.add(socket);
                OutputStream output = socket.getOutputStream();
                output.write(SeaClientFrames.login(("s" + i).getBytes(StandardCharsets.US_ASCII),
                        "bench".getBytes(StandardCharsets.US_ASCII)));
                output.write(SeaClientFrames.setUserInfo(0, "     ".getBytes(StandardCharsets.US_ASCII), new byte[0],
                        102));
                output.flush();
                seaOut.add(output);
                SeaServerReader reader = new SeaServerReader(socket.getInputStream(), 102);
                readers.add(reader(() -> {
                    SeaServerMessage message;
                    while ((message = reader.next()) != null) {
                        if (message instanceof SeaServerMessage.Message m && measuring.get()) {
                            String text = m.text().decode(StandardCharsets.US_ASCII);
                            record(text, 'w', roomToSea);
                            record(text, 's', seaToSea);
                        }
                    }
                }));
            }
            List<OutputStream> webOut = new ArrayList<>();
            CountDownLatch joined = new CountDownLatch(o.members);
            for (int i = 0; i < o.members; i++) {
                Socket socket = connect(o.host, o.httpPort);
                sockets.add(socket);
                OutputStream output = socket.getOutputStream();
                DataInputStream input = new DataInputStream(socket.getInputStream());
                upgrade(output, input, o.host + ":" + o.httpPort);
                output.write(WebSocketFrames.binary(TPackets.encode(0x1000, TPackets.NOP, new String(TPackets.MAGIC,
                        StandardCharsets.US_ASCII))));
                output.write(WebSocketFrames.binary(TPackets.encode(0x1001, TPackets.SET_USER_NICK, "w" + i)));
                output.write(WebSocketFrames.binary(TPackets.encode(0x1002, TPackets.SET_ROOM, o.room)));
                output.flush();
                webOut.add(output);
                readers.add(reader(() -> {
                    int first;
                    while ((first = input.read()) >= 0) {
                        WebSocketFrames.Frame frame = WebSocketFrames.read(first, input);
                        if (frame.opcode() != WebSocketFrames.BINARY) {
                            continue;
                        }
                        TPackets.TPacket packet = TPackets.decode(frame.payload());
                        if (packet.cmd() == TPackets.RESP_OK && packet.uid() == 0x1002) {
                            joined.countDown();
                        } else if (packet.cmd() == TPackets.NEW_MSG && measuring.get()) {
                            record(packet.text(), 's', seaToRoom);
                            record(packet.text(), 'w', roomToRoom);
                        }
                    }
                }));
            }
            if (!joined.await(30, TimeUnit.SECONDS)) {
                throw new IOException("members did not all join " + o.room + " within 30 s");
            }
            long period = (long) (1e9 / o.rate);
            Thread seaSender = sender(seaOut.get(0), period, 's', seaToRoom, o, measuring, true);
            Thread webSender = sender(webOut.get(0), period, 'w', roomToSea, o, measuring, false);
            seaSender.join();
            webSender.join();
            seaToSea.sent.set(seaToRoom.sent.get());
            roomToRoom.sent.set(roomToSea.sent.get());
            // What was sent last may still be on its way: wait for it, up to --drain in all.
            long drainEnd = System.nanoTime() + o.drain.toNanos();
            seaToRoom.awaitComplete(o.members, drainEnd);
            roomToSea.awaitComplete(o.seaUsers, drainEnd);
            seaToSea.awaitComplete(o.seaUsers, drainEnd);
            roomToRoom.awaitComplete(o.members, drainEnd);
            measuring.set(false);
            report(out, "sea-to-sea", seaToSea, o.seaUsers, o);
            report(out, "sea-to-room", seaToRoom, o.members, o);
            report(out, "room-to-room", roomToRoom, o.members, o);
            report(out, "room-to-sea", roomToSea, o.seaUsers, o);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            for (Thread thread : readers) {
                thread.join(2000);
            }
        }
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        return socket;
    }

    private static void upgrade(OutputStream out, InputStream in, String host) throws IOException {
        out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int matched = 0;
        StringBuilder head = new StringBuilder();
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.append((char) b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    @FunctionalInterface
    private interface Loop {
        void run() throws IOException;
    }

    private static Thread reader(Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException | RuntimeException closed) {
                // The run is over (sockets closed) or the peer went away: this reader ends.
            }
        }, "bridge-latency-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A text "<marker><send nanos>" from the side whose marker is {@code marker} counts for {@code samples}. */
    private static void record(String text, char marker, Samples samples) {
        if (text.length() > 1 && text.charAt(0) == marker) {
            try {
                samples.add(System.nanoTime() - Long.parseLong(text.substring(1)));
            } catch (NumberFormatException notOurs) {
                // Someone else's message in the room: not a sample.
            }
        }
    }

    private static Thread sender(OutputStream out, long periodNanos, char marker, Samples samples, Options o,
            AtomicBoolean measuring, boolean sea) {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            long warmupEnd = start + o.warmup.toNanos();
            long end = warmupEnd + o.duration.toNanos();
            long next = start;
            int uid = 0x2000;
            try {
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    if (now >= warmupEnd && !measuring.get()) {
                        measuring.set(true);
                    }
                    byte[] text = (marker + Long.toString(System.nanoTime())).getBytes(StandardCharsets.US_ASCII);
                    out.write(sea ? SeaClientFrames.sendMessage(SeaClientFrames.GROUP, text)
                            : WebSocketFrames.binary(TPackets.encode(uid++, TPackets.NEW_MSG, 0, 0, text)));
                    out.flush();
                    if (now >= warmupEnd) {
                        samples.sent.incrementAndGet();
                    }
                    next += periodNanos;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            } catch (IOException e) {
                throw new IllegalStateException("sender failed", e);
            }
        }, "bridge-latency-sender");
        thread.start();
        return thread;
    }

    private static void report(PrintStream out, String direction, Samples samples, int receivers, Options o) {
        long[] sorted = samples.sorted();
        long expected = samples.sent.get() * receivers;
        out.printf("%s: receivers=%d rate=%.0f/s sent=%d expected=%d delivered=%d p50_ms=%.3f p99_ms=%.3f "
                        + "max_ms=%.3f%n", direction, receivers, o.rate, samples.sent.get(), expected, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
