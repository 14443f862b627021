package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.archiver.ArchiverStatus.State;
import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The archiver client against real loopback TCP and Unix-domain sockets. Its timers run on a movable clock: every
 * poll of {@link #eventually} moves it by {@link #STEP} and sweeps, so 100 ms timer periods pass without waiting.
 */
@Timeout(30)
class ArchiverClientTest {

    private static final long T = 1234567890L;
    private static final Duration FAST = Duration.ofMillis(100);
    private static final Duration NEVER = Duration.ofHours(24);
    /** How far the clock moves per poll: a FAST timer fires every second poll. */
    private static final Duration STEP = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T));
    private final TimeoutSweeper sweeper = new TimeoutSweeper(clock);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private EventLoopGroup group;
    private ExecutorService executor;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        executor = Executors.newSingleThreadExecutor();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ArchiverProperties props(String url, Duration ping, int capacity, DataSize maxBytes) {
        return new ArchiverProperties(url, FAST, ping, Duration.ofSeconds(2), capacity, maxBytes,
                dir.resolve("data/archive.log").toString(), DataSize.ofKilobytes(32), DataSize.ofKilobytes(64),
                Duration.ofSeconds(10), false);
    }

    private ArchiverClient client(ArchiverProperties props) {
        return client(props, new ArchiverTransport(group, NioSocketChannel.class, NioDomainSocketChannel.class));
    }

    private ArchiverClient client(ArchiverProperties props, ArchiverTransport transport) {
        ArchiverClient client = new ArchiverClient(props, transport, executor, sweeper, clock,
                new MicrometerArchiverMetrics(registry));
        cleanup.add(client::stop);
        return client;
    }

    private FakeArchiver track(FakeArchiver fake) {
        cleanup.add(fake);
        return fake;
    }

    private static String msg(int n) {
        return ArchiveRecords.msg(new ArchivedMessage(5, "192.168.0.5", 0, T, "Alice", "PC1", "message " + n));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double droppedCounter(String reason) {
        return registry.get(MicrometerArchiverMetrics.DROPPED).tag("reason", reason).counter().count();
    }

    /** Awaits {@code condition}, moving the clock and sweeping the timers before each evaluation. */
    private void eventually(Callable<Boolean> condition) {
        await().until(() -> {
            clock.advance(STEP);
            sweeper.sweep();
            return condition.call();
        });
    }

    @Test
    void offer_whenConnectedOverTcp_thenRecordsArriveByteExactInOrder() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        String tv07 = ArchiveRecords.msg(new ArchivedMessage(5, "192.168.0.5", 0, T, "Alice", "PC1", "Hi all"));
        client.offer(tv07);
        client.offer(msg(2));

        eventually(() -> fake.receivedText().equals(tv07 + msg(2)));
        ArchiverStatus status = client.status();
        assertThat(status.target()).isEqualTo(fake.url());
        assertThat(status.state()).isEqualTo(State.CONNECTED);
        assertThat(status.sent()).isEqualTo(2);
        assertThat(status.sentBytes()).isEqualTo(tv07.length() + msg(2).length());
        assertThat(status.dropped()).isZero();
        assertThat(gauge(MicrometerArchiverMetrics.CONNECTED)).isEqualTo(1.0);
        assertThat(ArchiveRecords.globalVars(new GlobalVars(0, false, 6, 60, 1, status.archSock(), status.archPath())))
                .isEqualTo("GLOBALVARS 0 debug=0 strict=0 flood_threshold=6 ban_timeout=60 usercount=1 archsock=1 "
                        + "archpath=" + fake.url() + "\n");
    }

    @Test
    void offer_whenConnectedOverUnixSocketWithNio_thenRecordsArrive() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("arch.sock"), true));
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();

        client.offer(msg(1));
        client.offer(msg(2));

        eventually(() -> fake.receivedText().equals(msg(1) + msg(2)));
        assertThat(client.status().target()).isEqualTo("unix:" + dir.resolve("arch.sock"));
    }

    @Test
    void offer_whenConnectedOverUnixSocketWithEpoll_thenRecordsArrive() throws IOException {
        assumeTrue(Epoll.isAvailable(), "native epoll transport not available on this platform");
        EventLoopGroup epoll = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        cleanup.add(() -> epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("epoll.sock"), true));
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)),
                new ArchiverTransport(epoll, EpollSocketChannel.class, EpollDomainSocketChannel.class));
        client.start();

        client.offer(msg(1));

        eventually(() -> fake.receivedText().equals(msg(1)));
    }

    @Test
    void tick_whenConnected_thenTimeKeepAliveEveryPingInterval() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props(fake.url(), FAST, 100, DataSize.ofMegabytes(1)));
        client.start();

        // TV-21: "TIME 0 <unixtime>\n" with the injected clock's time.
        eventually(() -> fake.receivedText().startsWith("TIME 0 1234567890\nTIME 0 1234567890\n"));
        assertThat(fake.receivedText()).matches("(TIME 0 1234567890\n)+");
    }

    @Test
    void offer_whenArchiverNotYetListening_thenQueuedAndFlushedInOrderOnceItIs() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("late.sock"), false));
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().state() == State.DISCONNECTED);
        assertThat(client.status().lastError()).contains("late.sock");

        for (int i = 1; i <= 5; i++) {
            assertThat(client.offer(msg(i))).isTrue();
        }
        assertThat(client.status().queued()).isEqualTo(5);
        assertThat(gauge(MicrometerArchiverMetrics.QUEUED)).isEqualTo(5.0);
        fake.start();

        eventually(() -> fake.receivedText().equals(msg(1) + msg(2) + msg(3) + msg(4) + msg(5)));
        assertThat(client.status().queued()).isZero();
        assertThat(client.status().dropped()).isZero();
        assertThat(gauge(MicrometerArchiverMetrics.QUEUED)).isZero();
    }

    @Test
    void offer_whenQueueBoundReached_thenOldestDroppedCountedAndRestDeliveredInOrder() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("bound.sock"), false));
        ArchiverClient client = client(props(fake.url(), NEVER, 3, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().state() == State.DISCONNECTED);

        for (int i = 1; i <= 5; i++) {
            client.offer(msg(i));
        }

        ArchiverStatus status = client.status();
        assertThat(status.queued()).isEqualTo(3);
        assertThat(status.dropped()).isEqualTo(2);
        assertThat(droppedCounter("queue_full")).isEqualTo(2.0);
        fake.start();
        eventually(() -> fake.receivedText().equals(msg(3) + msg(4) + msg(5)));
    }

    @Test
    void offer_whenByteBoundReached_thenOldestDroppedAndOversizedRecordRejected() {
        ArchiverClient client = client(props("unix:" + dir.resolve("none.sock"), NEVER, 100,
                DataSize.ofKilobytes(128)));
        String big = "x".repeat(50 * 1024);

        assertThat(client.offer(big)).isTrue();
        assertThat(client.offer(big)).isTrue();
        assertThat(client.offer(big)).isTrue(); // 150 KB > 128 KB: the first one goes
        assertThat(client.offer("y".repeat(129 * 1024))).isFalse();

        ArchiverStatus status = client.status();
        assertThat(status.queued()).isEqualTo(2);
        assertThat(status.queuedBytes()).isEqualTo(2 * 50 * 1024);
        assertThat(status.dropped()).isEqualTo(2);
        assertThat(droppedCounter("queue_full")).isEqualTo(1.0);
        assertThat(droppedCounter("too_large")).isEqualTo(1.0);
    }

    @Test
    void reconnect_whenTcpArchiverRestarts_thenReconnectsAndDelivers() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props(fake.url(), FAST, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        fake.stop();
        // The TIME ticks hit the dead connection; only a write error reveals it (§13.8).
        eventually(() -> client.status().state() != State.CONNECTED);
        fake.start();
        eventually(() -> fake.accepted() == 2 && client.status().connected());
        String marker = msg(42);
        client.offer(marker);

        eventually(() -> fake.receivedText().contains(marker));
    }

    @Test
    void reconnect_whenUnixArchiverRestarts_thenEveryRecordIsWrittenOrCountedAndDeliveryResumes() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("restart.sock"), true));
        ArchiverClient client = client(props(fake.url(), NEVER, 1000, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());
        client.offer(msg(0));
        eventually(() -> fake.receivedText().equals(msg(0)));

        long sentBeforeStop = client.status().sent();
        fake.stop();
        for (int i = 1; i <= 20; i++) {
            client.offer(msg(i));
        }
        eventually(() -> client.status().state() != State.CONNECTED);
        fake.start();
        eventually(() -> fake.accepted() == 2 && client.status().connected() && client.status().queued() == 0);
        client.offer(msg(99));
        eventually(() -> fake.receivedText().endsWith(msg(99)));

        // The records were offered only after the stop, so wherever one shows up it was delivered.
        String received = fake.receivedText();
        long delivered = 0;
        for (int i = 1; i <= 20; i++) {
            if (received.contains(msg(i))) {
                delivered++;
            }
        }
        // Nothing silently lost by the client: each of the 20 records was either written to a socket or counted
        // as dropped. A record written to the dying connection an instant before the kernel reported the
        // peer gone can still be lost in transit (stream sockets acknowledge nothing), so "written" may
        // exceed "delivered", never the other way round.
        long written = client.status().sent() - sentBeforeStop - 1; // minus msg(99)
        assertThat(written + client.status().dropped()).isEqualTo(20);
        assertThat(delivered).isLessThanOrEqualTo(written);
        assertThat(droppedCounter("write_failed")).isEqualTo(client.status().dropped());
    }

    @Test
    void offer_whenArchiverStopsReading_thenRecordsWaitInQueueAndFlushLater() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("slow.sock"), true));
        ArchiverClient client = client(props(fake.url(), NEVER, 10_000, DataSize.ofMegabytes(16)));
        client.start();
        eventually(() -> client.status().connected());
        fake.pauseReading();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        String chunk = "z".repeat(60 * 1024);
        for (int i = 0; i < 100; i++) {
            String record = ArchiveRecords.msg(new ArchivedMessage(5, "192.168.0.5", 0, T, "Alice", "PC1",
                    i + chunk));
            client.offer(record);
            expected.writeBytes(record.getBytes(StandardCharsets.ISO_8859_1));
        }

        // The water marks stop the writes: the rest waits in the bounded queue, not in Netty's buffer.
        eventually(() -> client.status().queued() > 0);
        assertThat(client.status().queuedBytes()).isGreaterThan(1024 * 1024);
        fake.resumeReading();
        eventually(() -> fake.received().length == expected.size());
        assertThat(fake.received()).isEqualTo(expected.toByteArray());
        assertThat(client.status().dropped()).isZero();
    }

    @Test
    void offer_whenNoArchiverConfigured_thenAppendsToFileCreatingDirectories() throws IOException {
        Path file = dir.resolve("data/archive.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "earlier\n", StandardCharsets.ISO_8859_1);
        ArchiverClient client = client(props("", FAST, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        client.offer(msg(1));
        client.offer(msg(2));

        eventually(() -> Files.readString(file, StandardCharsets.ISO_8859_1)
                .equals("earlier\n" + msg(1) + msg(2)));
        assertThat(client.status().target()).isEqualTo("file:" + file);
        assertThat(client.status().sent()).isEqualTo(2);
    }

    @Test
    void start_whenFallbackDirectoryMissing_thenCreated() throws IOException {
        Path file = dir.resolve("data/archive.log");
        ArchiverClient client = client(props("", NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();

        byte[] windows1251 = {(byte) 0xcf, (byte) 0xf0, 0x0a, 0x00};
        client.offer(windows1251);

        eventually(() -> Files.exists(file) && Files.size(file) == 4);
        assertThat(Files.readAllBytes(file)).isEqualTo(windows1251);
    }

    @Test
    void start_whenFallbackFileCannotBeOpened_thenDisconnectedWithErrorAndRecordsQueued() throws IOException {
        Files.writeString(dir.resolve("data"), "a file where the directory should be");
        ArchiverClient client = client(props("", NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().state() == State.DISCONNECTED);

        client.offer(msg(1));

        assertThat(client.status().lastError()).contains("cannot open");
        assertThat(client.status().queued()).isEqualTo(1);
    }

    @Test
    void setTarget_whenAddressInvalid_thenClearErrorAndNothingChanges() {
        ArchiverClient client = client(props("", NEVER, 100, DataSize.ofMegabytes(1)));

        assertThatThrownBy(() -> client.setTarget("tcp://127.0.0.1:0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port must be 1..65535");
        assertThatThrownBy(() -> client.setTarget("udp://x:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected tcp://host:port");
        assertThat(client.status().target()).startsWith("file:");
    }

    @Test
    void setTarget_whenDifferentWhileConnected_thenKeptUntilReconnectNow() throws IOException {
        FakeArchiver first = track(FakeArchiver.tcp());
        FakeArchiver second = track(FakeArchiver.unix(dir.resolve("second.sock"), true));
        ArchiverClient client = client(props(first.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        assertThat(client.setTarget(second.url())).isFalse();
        client.offer(msg(1));
        eventually(() -> first.receivedText().equals(msg(1)));
        assertThat(client.status().target()).isEqualTo(second.url());

        client.reconnectNow();
        eventually(() -> second.accepted() == 1 && client.status().connected());
        client.offer(msg(2));
        eventually(() -> second.receivedText().equals(msg(2)));
        assertThat(first.receivedText()).isEqualTo(msg(1));
    }

    @Test
    void setTarget_whenSameAddressAgain_thenImmediateReconnect() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> fake.accepted() == 1 && client.status().connected());

        assertThat(client.setTarget(fake.url())).isTrue();

        eventually(() -> fake.accepted() == 2 && client.status().connected());
    }

    @Test
    void setTarget_whenWritingToFallbackFile_thenSwitchesAtOnce() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props("", NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        assertThat(client.setTarget(fake.url())).isTrue();

        eventually(() -> fake.accepted() == 1 && client.status().connected());
        client.offer(msg(1));
        eventually(() -> fake.receivedText().equals(msg(1)));
    }

    @Test
    void stop_whenRecordsQueuedWhileConnected_thenFlushedBeforeClose() throws IOException {
        FakeArchiver fake = track(FakeArchiver.tcp());
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().connected());

        client.offer(msg(1));
        client.offer(msg(2));
        client.stop();

        eventually(() -> fake.receivedText().equals(msg(1) + msg(2)));
        assertThat(client.status().state()).isEqualTo(State.STOPPED);
        assertThat(client.offer(msg(3))).isFalse();
        assertThat(droppedCounter("stopped")).isEqualTo(1.0);

        // A paused Spring context restarts its lifecycle beans: the client comes back and delivers again.
        client.start();
        eventually(() -> client.status().connected());
        assertThat(client.offer(msg(4))).isTrue();
        eventually(() -> fake.receivedText().endsWith(msg(4)));
        client.stop();
    }

    @Test
    void stop_whenArchiverUnreachable_thenQueuedRecordsCountedAsDropped() {
        ArchiverClient client = client(props("unix:" + dir.resolve("absent.sock"), NEVER, 100,
                DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().state() == State.DISCONNECTED);
        client.offer(msg(1));
        client.offer(msg(2));

        client.stop();

        assertThat(client.status().dropped()).isEqualTo(2);
        assertThat(droppedCounter("stopped")).isEqualTo(2.0);
        assertThat(gauge(MicrometerArchiverMetrics.CONNECTED)).isZero();
    }

    @Test
    void connect_whenRefused_thenRetriesEveryReconnectInterval() throws IOException {
        FakeArchiver fake = track(FakeArchiver.unix(dir.resolve("retry.sock"), false));
        ArchiverClient client = client(props(fake.url(), NEVER, 100, DataSize.ofMegabytes(1)));
        client.start();
        eventually(() -> client.status().state() == State.DISCONNECTED);
        assertThat(client.status().lastError()).contains("retry.sock");

        fake.start();

        eventually(() -> client.status().connected());
        assertThat(fake.accepted()).isEqualTo(1);
    }
}
