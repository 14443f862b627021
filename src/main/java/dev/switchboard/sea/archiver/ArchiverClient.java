package dev.switchboard.sea.archiver;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.archiver.ArchiverMetrics.DropReason;
import dev.switchboard.sea.archiver.ArchiverStatus.State;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permanent connection from the SEA server to its archiver (spec §13): TCP or a Unix-domain socket,
 * write-only, with a TIME keep-alive, reconnects after failures, and a bounded queue in front of it.
 * Without an archiver address the same records are appended to a local file instead.
 *
 * <p>Delivery rules (spec §13.8 with the IMPROVE of §16 F30): records offered while the archiver is
 * unreachable, still connecting, or slower than the water marks allow wait in a queue bounded by
 * record count and bytes; when it is full the <em>oldest</em> records are dropped, counted and reported
 * in a rate-limited warning. The queue survives reconnects and is written in order once a connection
 * (or the file) is up again. Records the connection fails to write are counted as dropped too.
 *
 * <p>Threading: {@link #offer} may be called from any thread (it only touches the lock-guarded queue).
 * All connection state is confined to the injected executor, which must run one task at a time (e.g.
 * {@code Executors.newSingleThreadExecutor}); it also runs the fallback file's blocking writes, so no event
 * loop ever blocks on disk, and Netty callbacks hop onto it. Both timers (the TIME keep-alive and the
 * reconnect delay) are deadlines on the injected clock, checked by the {@link TimeoutSweeper} on that same
 * executor, so a test moves the clock and sweeps instead of waiting.
 */
public final class ArchiverClient implements ArchiveSink {

    private static final Logger log = LoggerFactory.getLogger(ArchiverClient.class);

    private final ArchiverProperties props;
    private final ArchiverTransport transport;
    private final ExecutorService executor;
    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final ArchiverMetrics metrics;
    private final Path file;
    private final DropReporter dropReporter;

    // Shared between offer() callers and the executor, guarded by its own monitor.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;

    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private volatile boolean accepting = true;

    // Confined to the executor.
    private boolean running;
    private boolean stopped;
    private long generation;
    private Channel channel;
    private Sink sink;
    private boolean networkAttempt;
    private String connectionError;
    private TimeoutSweeper.Registration timers;
    private Instant nextPing;
    /** When the next connection attempt is due after a failure; null when none is pending. */
    private Instant reconnectAt;

    // Written on the executor, read by status() from any thread.
    private volatile ArchiverAddress target;
    private volatile State state = State.STOPPED;
    private volatile Instant since;
    private volatile String lastError;

    public ArchiverClient(ArchiverProperties props, ArchiverTransport transport, ExecutorService executor,
            TimeoutSweeper sweeper, Clock clock, ArchiverMetrics metrics) {
        this.props = Objects.requireNonNull(props, "props");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.file = Path.of(props.file());
        this.target = props.url().isBlank() ? null : ArchiverAddress.parse(props.url());
        this.dropReporter = new DropReporter(clock, props.dropLogInterval());
        this.since = clock.instant();
    }

    /**
     * Starts the timers and the first connection attempt (or opens the fallback file). A stopped client
     * may be started again: Spring stops and restarts lifecycle beans of a paused context.
     */
    public void start() {
        call(() -> {
            stopped = false;
            accepting = true;
            if (!running) {
                running = true;
                nextPing = clock.instant().plus(props.pingInterval());
                timers = sweeper.register(executor, this::checkTimers);
                connect();
            }
            return null;
        });
    }

    /**
     * Stops the timers, writes what is still queued if a connection is up, flushes and closes it. Records
     * that could not be written are counted as dropped. Waits at most the connect timeout for the close,
     * so it must not be called on an event loop.
     */
    public void stop() {
        accepting = false;
        Channel closing = call(() -> {
            if (stopped) {
                return null;
            }
            stopped = true;
            running = false;
            if (timers != null) {
                timers.close();
                timers = null;
            }
            reconnectAt = null;
            generation++;
            Channel ch = channel;
            if (sink != null) {
                drainAll();
            }
            closeCurrent();
            dropQueued(DropReason.STOPPED);
            setState(State.STOPPED);
            return ch;
        });
        if (closing != null && !closing.closeFuture().awaitUninterruptibly(props.connectTimeout().toMillis())) {
            log.warn("SEA archiver {} did not close within {}; closing forcibly", describe(target), props.connectTimeout());
            closing.close();
        }
    }

    /**
     * Offers one record (an ISO-8859-1 string from {@link ArchiveRecords}).
     *
     * @return {@code false} if the record was dropped (too large for the queue, or the client is stopped)
     * @throws IllegalArgumentException if the string holds chars above U+00FF (not raw protocol bytes)
     */
    @Override
    public boolean offer(String record) {
        return offer(ArchiveText.bytes(record));
    }

    /**
     * Offers one record's raw bytes. The array is not copied; the caller must not change it afterwards.
     *
     * @return {@code false} if the record was dropped (too large for the queue, or the client is stopped)
     */
    @Override
    public boolean offer(byte[] record) {
        Objects.requireNonNull(record, "record");
        if (!accepting) {
            drop(DropReason.STOPPED, 1);
            return false;
        }
        long maxBytes = props.queueMaxBytes().toBytes();
        if (record.length > maxBytes) {
            drop(DropReason.TOO_LARGE, 1);
            return false;
        }
        int evicted = 0;
        synchronized (queue) {
            while (queue.size() >= props.queueCapacity() || queuedBytes + record.length > maxBytes) {
                queuedBytes -= queue.removeFirst().length;
                evicted++;
            }
            queue.addLast(record);
            queuedBytes += record.length;
            // Inside the lock so that concurrent updates cannot leave a stale value in the gauge.
            metrics.queued(queue.size());
        }
        if (evicted > 0) {
            drop(DropReason.QUEUE_FULL, evicted);
        }
        requestDrain();
        return true;
    }

    /** A snapshot for management endpoints and tests. */
    @Override
    public ArchiverStatus status() {
        int size;
        long bytes;
        synchronized (queue) {
            size = queue.size();
            bytes = queuedBytes;
        }
        State s = state;
        return new ArchiverStatus(describe(target), s, s == State.CONNECTED, since, size, bytes, sent.get(),
                sentBytes.get(), dropped.get(), lastError);
    }

    /**
     * Sets the archiver address (M8); empty means the fallback file. As in the reference (§13.8) a new
     * address does not end an archiver connection that is up or being set up — it is used for the next
     * one — while setting the current address again forces an immediate reconnect. When no connection
     * exists, or records are going to the fallback file, the new address is used at once. The queue is
     * kept in every case.
     *
     * @return whether a (re)connection was started by this call
     * @throws IllegalArgumentException if {@code url} is not a valid address
     */
    public boolean setTarget(String url) {
        ArchiverAddress parsed = url == null || url.isBlank() ? null : ArchiverAddress.parse(url);
        return call(() -> {
            boolean same = Objects.equals(parsed, target);
            target = parsed;
            log.info("SEA archiver address set to {}", describe(parsed));
            if (!running) {
                return false;
            }
            boolean networkUp = networkAttempt && (state == State.CONNECTED || state == State.CONNECTING);
            if (networkUp && !same) {
                return false;
            }
            reconnect();
            return true;
        });
    }

    /** Drops the current connection (queue kept) and connects to the configured address at once (M9). */
    public void reconnectNow() {
        call(() -> {
            if (running) {
                reconnect();
            }
            return null;
        });
    }

    // ---- executor-confined -------------------------------------------------------------------------

    private void reconnect() {
        log.info("SEA archiver reconnecting to {}", describe(target));
        closeCurrent();
        connect();
    }

    private void connect() {
        reconnectAt = null;
        long gen = ++generation;
        connectionError = null;
        ArchiverAddress address = target;
        if (address == null) {
            openFile();
            return;
        }
        networkAttempt = true;
        setState(State.CONNECTING);
        String name = address.toString();
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        (int) props.writeBufferLowWaterMark().toBytes(),
                        (int) props.writeBufferHighWaterMark().toBytes()))
                .handler(new ArchiverChannelHandler(new ChannelEvents(gen), name));
        SocketAddress remote;
        try {
            remote = remoteAddress(address, bootstrap);
        } catch (IllegalArgumentException e) {
            disconnected("cannot resolve " + name + ": " + e.getMessage());
            return;
        }
        ChannelFuture connected = bootstrap.connect(remote);
        Channel ch = connected.channel();
        channel = ch;
        connected.addListener(f -> runOnExecutor(() -> onConnectDone(gen, ch, name, f.cause())));
        ch.closeFuture().addListener(f -> runOnExecutor(() -> onClosed(ch)));
    }

    private SocketAddress remoteAddress(ArchiverAddress address, Bootstrap bootstrap) {
        if (address instanceof ArchiverAddress.Tcp tcp) {
            // Keep-alive lets the OS notice a dead archiver host (§13.5); half-closure keeps writing after the
            // archiver's FIN, since only a write error ends the connection (§13.8).
            bootstrap.channel(transport.socketChannelClass())
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true);
            // Resolved here, on the archiver's own thread, so a slow DNS lookup never blocks an event loop.
            InetSocketAddress resolved = new InetSocketAddress(tcp.host(), tcp.port());
            if (resolved.isUnresolved()) {
                throw new IllegalArgumentException("unknown host " + tcp.host());
            }
            return resolved;
        }
        Path path = ((ArchiverAddress.Unix) address).path();
        bootstrap.channel(transport.domainSocketChannelClass());
        if (DomainSocketChannel.class.isAssignableFrom(transport.domainSocketChannelClass())) {
            // Native transports (epoll, kqueue) take Netty's address type and support half-closure; NIO's
            // domain channel takes the JDK's address and does not, so there an EOF ends the connection.
            bootstrap.option(ChannelOption.ALLOW_HALF_CLOSURE, true);
            return new DomainSocketAddress(path.toString());
        }
        return UnixDomainSocketAddress.of(path);
    }

    private void onConnectDone(long gen, Channel ch, String name, Throwable cause) {
        if (gen != generation || ch != channel || !running) {
            ch.close();
            return;
        }
        if (cause != null) {
            channel = null;
            ch.close();
            disconnected("connect to " + name + " failed: " + describeError(cause));
            return;
        }
        sink = new ChannelSink(ch);
        setState(State.CONNECTED);
        log.info("SEA archiver connected to {}", name);
        drain();
    }

    private void onClosed(Channel ch) {
        // A failed attempt is closed by Bootstrap's CLOSE_ON_FAILURE, possibly before our connect listener
        // runs; the connect future always completes, so onConnectDone reports it with its cause.
        if (ch != channel || state == State.CONNECTING) {
            return;
        }
        channel = null;
        sink = null;
        String cause = connectionError;
        connectionError = null;
        disconnected(cause == null ? "connection closed" : "connection closed: " + cause);
    }

    private void openFile() {
        networkAttempt = false;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel fc = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            sink = new FileSink(fc);
            setState(State.CONNECTED);
            log.info("SEA archiver: no archiver address configured, appending records to {}", file.toAbsolutePath());
            drain();
        } catch (IOException | RuntimeException e) {
            disconnected("cannot open " + file.toAbsolutePath() + ": " + describeError(e));
        }
    }

    private void disconnected(String error) {
        sink = null;
        lastError = error;
        setState(State.DISCONNECTED);
        if (running) {
            log.warn("SEA archiver {}: {}; next attempt in {}", describe(target), error, props.reconnectInterval());
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (reconnectAt == null) {
            reconnectAt = clock.instant().plus(props.reconnectInterval());
        }
    }

    /** Both timers, checked on the executor at every sweep. */
    private boolean checkTimers(Instant now) {
        if (!running) {
            return false;
        }
        if (!now.isBefore(nextPing)) {
            nextPing = now.plus(props.pingInterval());
            tick();
        }
        if (reconnectAt != null && !now.isBefore(reconnectAt)) {
            reconnectAt = null;
            if (state == State.DISCONNECTED) {
                connect();
            }
        }
        return true;
    }

    /** The keep-alive tick (§13.5): TIME while a connection exists or is being set up. */
    private void tick() {
        reportDrops(dropReporter.reportIfDue());
        if (networkAttempt && (state == State.CONNECTED || state == State.CONNECTING)) {
            offer(ArchiveRecords.time(clock.instant().getEpochSecond()));
        }
    }

    private void closeCurrent() {
        generation++;
        Channel ch = channel;
        channel = null;
        if (sink != null) {
            sink.close();
            sink = null;
        } else if (ch != null) {
            ch.close();
        }
    }

    private void requestDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            runOnExecutor(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        while (sink != null && sink.isWritable()) {
            byte[] record = poll();
            if (record == null) {
                break;
            }
            sink.write(record);
            wrote = true;
        }
        if (wrote && sink != null) {
            sink.flush();
        }
    }

    /** On stop: everything left goes to the connection regardless of writability, bounded by the queue. */
    private void drainAll() {
        byte[] record;
        while (sink != null && (record = poll()) != null) {
            sink.write(record);
        }
        if (sink != null) {
            sink.flush();
        }
    }

    private byte[] poll() {
        synchronized (queue) {
            byte[] record = queue.pollFirst();
            if (record != null) {
                queuedBytes -= record.length;
                metrics.queued(queue.size());
            }
            return record;
        }
    }

    private void dropQueued(DropReason reason) {
        int n;
        synchronized (queue) {
            n = queue.size();
            queue.clear();
            queuedBytes = 0;
            metrics.queued(0);
        }
        if (n > 0) {
            log.warn("SEA archiver stopped with {} records not delivered", n);
            drop(reason, n);
        }
    }

    private void setState(State newState) {
        if (state != newState) {
            state = newState;
            since = clock.instant();
            metrics.connected(newState == State.CONNECTED);
        }
    }

    // ---- any thread -----------------------------------------------------------------------------------

    private void drop(DropReason reason, long records) {
        dropped.addAndGet(records);
        metrics.dropped(reason, records);
        reportDrops(dropReporter.add(reason, records));
    }

    private void reportDrops(String report) {
        if (report != null) {
            log.warn("SEA archiver dropped records since the last report: {} ({} in total)", report, dropped.get());
        }
    }

    private void runOnExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // Only after the owner shut the executor down: nothing is running any more.
            log.debug("SEA archiver executor is shut down; ignoring a late event");
        }
    }

    private <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(props.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the archiver executor", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("archiver executor did not respond", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("archiver executor is shut down", e);
        }
    }

    private String describe(ArchiverAddress address) {
        return address == null ? "file:" + file : address.toString();
    }

    private static String describeError(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    // ---- sinks ----------------------------------------------------------------------------------------

    /** Where drained records go; used only on the executor. */
    private interface Sink {
        boolean isWritable();

        void write(byte[] record);

        void flush();

        /** Flushes what was written, then closes. */
        void close();
    }

    private final class ChannelSink implements Sink {
        private final Channel ch;

        ChannelSink(Channel ch) {
            this.ch = ch;
        }

        @Override
        public boolean isWritable() {
            return ch.isWritable();
        }

        @Override
        public void write(byte[] record) {
            int length = record.length;
            // The wrapped buffer is owned by the channel from here; it releases it once written or failed.
            ch.write(Unpooled.wrappedBuffer(record)).addListener(f -> {
                if (f.isSuccess()) {
                    sent.incrementAndGet();
                    sentBytes.addAndGet(length);
                } else {
                    lastError = "write failed: " + describeError(f.cause());
                    drop(DropReason.WRITE_FAILED, 1);
                }
            });
        }

        @Override
        public void flush() {
            ch.flush();
        }

        @Override
        public void close() {
            // The empty write completes after every earlier write, so nothing written is cut off.
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private final class FileSink implements Sink {
        private final FileChannel fc;

        FileSink(FileChannel fc) {
            this.fc = fc;
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void write(byte[] record) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(record);
                while (buf.hasRemaining()) {
                    fc.write(buf);
                }
                sent.incrementAndGet();
                sentBytes.addAndGet(record.length);
            } catch (IOException e) {
                drop(DropReason.WRITE_FAILED, 1);
                close();
                disconnected("write to " + file.toAbsolutePath() + " failed: " + describeError(e));
            }
        }

        @Override
        public void flush() {
            // FileChannel writes go straight to the OS; no fsync per record (an archive, not a journal).
        }

        @Override
        public void close() {
            try {
                fc.close();
            } catch (IOException e) {
                log.warn("SEA archiver: closing {} failed: {}", file.toAbsolutePath(), describeError(e));
            }
        }
    }

    /** Netty callbacks for one connection attempt; both hop onto the executor. */
    private final class ChannelEvents implements ArchiverChannelHandler.Events {
        private final long gen;

        ChannelEvents(long gen) {
            this.gen = gen;
        }

        @Override
        public void writabilityChanged() {
            requestDrain();
        }

        @Override
        public void failed(Throwable cause) {
            runOnExecutor(() -> {
                if (gen == generation) {
                    connectionError = describeError(cause);
                }
            });
        }
    }
}
