package dev.switchboard.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.load.LoadDriver;
import dev.switchboard.tools.load.LoadOptions;
import dev.switchboard.tools.load.LoadReport;
import dev.switchboard.rooms.support.SpecVectors;
import dev.switchboard.support.fuzz.ErrorLog;
import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.tools.codec.rooms.WebSocketFrames;
import dev.switchboard.tools.codec.sea.SeaClientFrames;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Soak test: every protocol under a steady, paced mixed load (the load driver's SEA, rooms and example
 * clients) while a hostile mix runs for a set time: SEA users holding partial maximal (16 MiB) frames,
 * malformed frames on every port, slowloris HTTP, an idle connection flood, and WebSocket members that
 * never read. It asserts that heap and direct memory stay under their bounds, that no ERROR (or LEAK) line
 * is logged, and that the well-behaved clients' round-trip p99 stays within a factor of the p99 measured
 * with the same load and no attackers, earlier in the same run.
 *
 * <p>Tagged {@code soak}: excluded from the default suite, run with {@code mvn -Psoak test}. Knobs are
 * system properties ({@code -Dsoak.duration=PT10M}); see {@code src/docs/testing.md}.
 */
@Tag("soak")
@SpringBootTest(properties = {
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.sea.listener.port=0",
        // The paced load senders are flooders by SEA's rules (§11); the attackers use other addresses.
        "switchboard.sea.max-penalty=1000000000s"})
@Timeout(value = 2, unit = TimeUnit.HOURS)
class SoakIntegrationTest {

    private static final Duration DURATION = duration("duration", "PT3M");
    private static final Duration BASELINE = duration("baseline", "PT30S");
    private static final long HEAP_LIMIT_MIB = Long.getLong("soak.heap-limit-mib", 512);
    private static final long DIRECT_LIMIT_MIB = Long.getLong("soak.direct-limit-mib", 256);
    private static final double P99_FACTOR = Double.parseDouble(System.getProperty("soak.p99-factor", "2.0"));
    private static final int PARTIAL_FRAMES = Integer.getInteger("soak.partial-frames", 24);
    private static final int IDLE_FLOOD = Integer.getInteger("soak.idle-connections", 300);
    private static final int SLOWLORIS = Integer.getInteger("soak.slowloris", 30);
    private static final int SLOW_MEMBERS = Integer.getInteger("soak.slow-members", 5);

    /** SEA's largest frame length (§2.2); attackers send all of it but the last kilobyte. */
    private static final int MAX_L = 0xFFFFFF;

    @Autowired
    Environment environment;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> attacks = new ConcurrentHashMap<>();
    /** Every attacker socket, closed when the attack phase ends: that also frees writers blocked on a full window. */
    private final java.util.Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean attacking;
    /** Opened when the attack phase ends; attackers that only hold their sockets wait on it. */
    private final CountDownLatch attackOver = new CountDownLatch(1);

    private static Duration duration(String name, String fallback) {
        return Duration.parse(System.getProperty("soak." + name, fallback));
    }

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    @Test
    void gateway_whenHostileMixRunsAlongsideNormalLoad_thenBoundedMemoryNoErrorAndP99WithinFactor() throws Exception {
        try (ErrorLog log = ErrorLog.capture()) {
            Map<String, LoadReport> baseline = normalLoad(BASELINE);
            long heapBefore = heapAfterGc();

            MemorySampler memory = new MemorySampler();
            ExecutorService hostile = Executors.newCachedThreadPool();
            List<Future<?>> workers = startHostileMix(hostile);
            Map<String, LoadReport> loaded;
            try {
                loaded = normalLoad(DURATION);
            } finally {
                attacking = false;
                attackOver.countDown();
                for (Socket socket : sockets) {
                    socket.close();
                }
                hostile.shutdownNow();
                hostile.awaitTermination(30, TimeUnit.SECONDS);
                memory.stop();
            }
            for (Future<?> worker : workers) {
                assertThat(worker.isDone()).isTrue();
            }

            System.out.printf("soak: attacks %s%n", attacks);
            System.out.printf("soak: heap peak %d MiB (before %d MiB), direct peak %d MiB (Netty counter %d MiB, "
                            + "JDK direct pool %d MiB, Netty cleaner-less: %s)%n", memory.heapPeak >> 20,
                    heapBefore >> 20, memory.directPeak >> 20, memory.nettyAtPeak >> 20, memory.jdkAtPeak >> 20,
                    PlatformDependent.useDirectBufferNoCleaner());
            for (String protocol : baseline.keySet()) {
                System.out.printf("soak: %s p99 baseline %s us, under attack %s us%n", protocol,
                        baseline.get(protocol).get("latency_us_p99"), loaded.get(protocol).get("latency_us_p99"));
            }

            // Soft: one run reports every bound it broke, not just the first.
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(problems).as("soak harness problems").isEmpty();
            soft.assertThat(memory.heapPeak - heapBefore).as("live heap growth").isLessThan(HEAP_LIMIT_MIB << 20);
            soft.assertThat(memory.directPeak).as("direct memory").isLessThan(DIRECT_LIMIT_MIB << 20);
            for (String protocol : baseline.keySet()) {
                LoadReport before = baseline.get(protocol);
                LoadReport during = loaded.get(protocol);
                soft.assertThat(during.get("error")).as(protocol + " load error").isNull();
                soft.assertThat(during.getLong("lost")).as(protocol + " messages lost").isZero();
                soft.assertThat(Double.parseDouble(during.get("latency_us_p99"))).as(protocol + " p99 under attack")
                        .isLessThanOrEqualTo(P99_FACTOR * Double.parseDouble(before.get("latency_us_p99")));
            }
            soft.assertThat(log.errors()).as("ERROR and LEAK lines").isEmpty();
            soft.assertAll();
        }
    }

    // --- the well-behaved users ---

    /** Runs paced SEA, rooms and example load at once for {@code duration}; one report per protocol. */
    private Map<String, LoadReport> normalLoad(Duration duration) throws Exception {
        String seconds = duration.toMillis() + "ms";
        Map<String, String[]> runs = Map.of(
                "sea", new String[] {"--protocol", "sea", "--port", String.valueOf(port("sea")), "--connections", "20",
                        "--senders", "2", "--rate", "20", "--duration", seconds, "--drain", "5s"},
                "rooms", new String[] {"--protocol", "rooms", "--port", String.valueOf(port("http")), "--path", "/",
                        "--connections", "20", "--senders", "2", "--rate", "20", "--room", "soak", "--duration", seconds,
                        "--drain", "5s"},
                "example", new String[] {"--protocol", "example", "--port", String.valueOf(port("example-tcp")),
                        "--connections", "2", "--duration", seconds, "--drain", "5s"});
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        try {
            Map<String, Future<LoadReport>> futures = new java.util.TreeMap<>();
            runs.forEach((protocol, args) -> futures.put(protocol, pool.submit(() ->
                    LoadDriver.execute(LoadOptions.parse(args), new PrintStream(OutputStream.nullOutputStream())))));
            Map<String, LoadReport> reports = new java.util.TreeMap<>();
            for (Map.Entry<String, Future<LoadReport>> f : futures.entrySet()) {
                reports.put(f.getKey(), f.getValue().get(duration.toSeconds() + 180, TimeUnit.SECONDS));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- the hostile mix ---

    private List<Future<?>> startHostileMix(ExecutorService pool) {
        attacking = true;
        List<Future<?>> workers = new ArrayList<>();
        // Attackers connect from 127.0.0.2 and up so bans and per-address caps hit them, not the load.
        for (int i = 0; i < PARTIAL_FRAMES; i++) {
            int n = i;
            workers.add(pool.submit(() -> repeat("sea-partial-frame", () -> seaPartialFrame(source(2 + n % 8), n))));
        }
        workers.add(pool.submit(() -> repeat("malformed", () -> malformedEverywhere(source(20)))));
        for (int i = 0; i < SLOWLORIS; i++) {
            workers.add(pool.submit(() -> repeat("slowloris", () -> slowloris(source(30)))));
        }
        workers.add(pool.submit(() -> repeat("idle-flood", () -> idleFlood(source(40)))));
        for (int i = 0; i < SLOW_MEMBERS; i++) {
            int n = i;
            workers.add(pool.submit(() -> repeat("slow-websocket", () -> slowMember(source(50), n))));
        }
        return workers;
    }

    private interface Attack {
        void run() throws Exception;
    }

    /** Runs {@code attack} again and again until the attack phase ends; a refused or cut connection is expected. */
    private void repeat(String name, Attack attack) {
        while (attacking && !Thread.currentThread().isInterrupted()) {
            sockets.removeIf(Socket::isClosed);
            try {
                attack.run();
                attacks.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            } catch (IOException expected) {
                attacks.computeIfAbsent(name + "-cut", k -> new AtomicLong()).incrementAndGet();
                pace(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                problems.add(name + ": " + e);
            }
        }
    }

    private static InetAddress source(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Socket connect(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** A v102 user that sends a maximal frame minus its last kilobyte and holds it, pinning input memory. */
    private void seaPartialFrame(InetAddress from, int n) throws Exception {
        try (Socket s = connect(from, port("sea"))) {
            OutputStream out = s.getOutputStream();
            byte[] user = ("hold" + n).getBytes(StandardCharsets.US_ASCII);
            out.write(seaFrame(1, concat(new byte[] {(byte) user.length}, user, new byte[] {2, 'p', 'c'})));
            // SET_USERINFO: faculty, room(5), infolen 0, version 102 (§5.5).
            out.write(seaFrame(4, new byte[] {0, 0, 0, 0, 0, 0, 0, 102}));
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2});
            byte[] chunk = new byte[64 * 1024];
            long left = MAX_L - 1 - 1024;
            while (left > 0 && attacking) {
                int part = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, part);
                left -= part;
            }
            holdUnread();
        }
    }

    /** Random and broken bytes on every TCP port, then read until the server closes or 2 s pass. */
    private void malformedEverywhere(InetAddress from) throws Exception {
        Random random = new Random();
        for (String listener : List.of("sea", "example-tcp", "http", "http-legacy")) {
            try (Socket s = connect(from, port(listener))) {
                s.setSoTimeout(2000);
                byte[] garbage = new byte[1 + random.nextInt(600)];
                random.nextBytes(garbage);
                if (random.nextBoolean() && listener.startsWith("http")) {
                    garbage = ("GET /\u0000/%zz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                s.getOutputStream().write(garbage);
                drain(s);
            } catch (java.net.SocketTimeoutException | java.net.SocketException cut) {
                attacks.computeIfAbsent("malformed-" + listener + "-open", k -> new AtomicLong()).incrementAndGet();
            }
        }
        pace(50);
    }

    /** One header byte per second, never finishing the request. */
    private void slowloris(InetAddress from) throws Exception {
        try (Socket s = connect(from, port("http"))) {
            OutputStream out = s.getOutputStream();
            byte[] request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; attacking; i++) {
                out.write(i < request.length ? request[i] : 'a');
                out.flush();
                pace(1000);
            }
        }
    }

    /** Many connections that never log in, held until the server's login timeout closes them. */
    private void idleFlood(InetAddress from) throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_FLOOD && attacking; i++) {
                held.add(connect(from, i % 2 == 0 ? port("sea") : port("example-tcp")));
            }
            awaitAttackOver();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** A member of the load's room whose receive window stays full: the server must cut it, not buffer forever. */
    private void slowMember(InetAddress from, int n) throws Exception {
        Socket s = new Socket();
        sockets.add(s);
        s.setReceiveBufferSize(4096);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port("http")), 5000);
        try (s) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            readHead(s.getInputStream());
            out.write(maskedBinary(SpecVectors.V1));
            out.write(maskedBinary(packet(0x1001, 1, ("slow" + n + "-" + System.nanoTime() % 100000).getBytes(
                    StandardCharsets.US_ASCII))));
            out.write(maskedBinary(packet(0x1002, 2, "soak".getBytes(StandardCharsets.US_ASCII))));
            holdUnread();
        }
    }

    /** Never reads, so the server's send buffer fills; the socket is closed with the others at the end. */
    private void holdUnread() {
        awaitAttackOver();
    }

    private void awaitAttackOver() {
        try {
            attackOver.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // discard until the server closes
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("closed before the upgrade answer");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Spaces out attack traffic (a slowloris byte per second, a back-off after a cut); never used to wait for a state. */
    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] seaFrame(int command, byte[] body) {
        return SeaClientFrames.frame(command, body);
    }

    private static byte[] packet(int uid, int cmd, byte[] blob) {
        return TPackets.encode(uid, cmd, 0, 0, blob);
    }

    private static byte[] maskedBinary(byte[] payload) {
        return WebSocketFrames.binary(payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Samples once a second the heap still live after the latest collection (so garbage not yet collected
     * does not count) and direct memory (the JDK's direct pool, plus Netty's counter when its buffers bypass
     * that pool).
     */
    private static final class MemorySampler {
        private final java.util.concurrent.ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor();
        volatile long heapPeak;
        volatile long directPeak;
        volatile long nettyAtPeak;
        volatile long jdkAtPeak;

        MemorySampler() {
            timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        }

        private void sample() {
            long live = 0;
            for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    live += pool.getCollectionUsage().getUsed();
                }
            }
            heapPeak = Math.max(heapPeak, live);
            long netty = Math.max(0, PlatformDependent.usedDirectMemory());
            long jdk = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    jdk += pool.getMemoryUsed();
                }
            }
            // Netty's counter also counts the buffers it allocates through ByteBuffer.allocateDirect (the
            // cleaner path, taken when it cannot use its cleaner-less constructor): those are in the JDK's
            // pool already, and adding both would count them twice.
            long direct = PlatformDependent.useDirectBufferNoCleaner() ? jdk + netty : Math.max(jdk, netty);
            nettyAtPeak = direct > directPeak ? netty : nettyAtPeak;
            jdkAtPeak = direct > directPeak ? jdk : jdkAtPeak;
            directPeak = Math.max(directPeak, direct);
        }

        void stop() throws InterruptedException {
            sample();
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
