package dev.switchboard.tools.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of a broadcast protocol (SEA, rooms): open and log in N connections, let M of them send
 * stamped messages to everybody for the duration, then wait for the stragglers. Every ready
 * connection is a receiver, so each message sent is expected N times.
 */
final class BroadcastRun {

    private final LoadOptions options;
    private final ClientProtocol protocol;
    private final ClientGroup clients;
    private final LoadStats stats;
    private final PrintStream progress;
    private final long deadlineNanos;
    private final Semaphore connectPermits;
    private final Connection[] connections;
    private volatile boolean closing;

    BroadcastRun(LoadOptions options, ClientProtocol protocol, ClientGroup clients, LoadStats stats,
            PrintStream progress, long deadlineNanos) {
        this.options = options;
        this.protocol = protocol;
        this.clients = clients;
        this.stats = stats;
        this.progress = progress;
        this.deadlineNanos = deadlineNanos;
        this.connectPermits = new Semaphore(options.connectBatch());
        this.connections = new Connection[options.connections()];
    }

    void execute(LoadReport report) throws InterruptedException {
        ServerProbe server = new ServerProbe(options);
        server.before();
        long connectStart = System.nanoTime();
        int attempted = connectAll();
        Waits.until(() -> stats.ready.get() + stats.connectFailures.sum() >= attempted, deadlineNanos);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        int ready = stats.ready.get();
        progress.printf("# %d/%d connections ready in %.1f s%n", ready, options.connections(), connectSeconds);
        report.put("connected", ready)
                .put("connect_failures", stats.connectFailures.sum())
                .put("connect_s", connectSeconds);
        server.loaded(ready, report);
        try {
            if (ready == 0) {
                report.put("error", "no connection became ready: " + stats.firstFailure());
            } else if (options.senders() == 0) {
                hold(report);
            } else {
                send(report, ready);
            }
        } finally {
            closeAll();
        }
        report.put("disconnects", stats.disconnects.sum());
        if (stats.firstFailure() != null) {
            report.put("first_failure", stats.firstFailure().replace('\n', ' '));
        }
    }

    private int connectAll() throws InterruptedException {
        for (int i = 0; i < connections.length; i++) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !connectPermits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                progress.printf("# deadline reached while connecting: %d of %d attempted%n", i, connections.length);
                return i;
            }
            Connection connection = new Connection(i);
            connections[i] = connection;
            ChannelFuture future = clients.connect(i, ch -> {
                connection.channel = ch;
                protocol.initChannel(ch, connection.index, connection);
            });
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    stats.failure("connect: " + f.cause());
                    connection.notReady();
                } else {
                    future.channel().closeFuture().addListener(c -> connection.closed());
                }
            });
        }
        return connections.length;
    }

    /** Idle run: keep every connection open for the duration and let the server probe measure it. */
    private void hold(LoadReport report) throws InterruptedException {
        long end = Math.min(System.nanoTime() + options.duration().toNanos(), deadlineNanos);
        Waits.until(() -> false, end);
        report.put("held_s", options.duration().toMillis() / 1000.0)
                .put("still_connected", stats.ready.get() - stats.disconnects.sum());
    }

    private void send(LoadReport report, int receivers) throws InterruptedException {
        List<Connection> senders = new ArrayList<>();
        for (Connection c : connections) {
            if (senders.size() < options.senders() && c != null && c.isReady()) {
                senders.add(c);
            }
        }
        ServerProbe.CpuWindow cpu = ServerProbe.CpuWindow.start(options.serverPids());
        long sendStart = System.nanoTime();
        for (int k = 0; k < senders.size(); k++) {
            Connection c = senders.get(k);
            long phase = options.paced() ? (long) (k * (1e9 / options.rate()) / senders.size()) : 0;
            c.channel.eventLoop().execute(() -> c.startSending(phase));
        }
        Waits.until(() -> false, Math.min(sendStart + options.duration().toNanos(), deadlineNanos));
        CountDownLatch stopped = new CountDownLatch(senders.size());
        for (Connection c : senders) {
            c.channel.eventLoop().execute(() -> c.stopSending(stopped));
        }
        stopped.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        long sendEnd = System.nanoTime();
        long sent = stats.sent.sum();
        long expected = sent * receivers;
        Waits.until(() -> stats.delivered.sum() >= expected,
                Math.min(sendEnd + options.drain().toNanos(), deadlineNanos));
        long delivered = stats.delivered.sum();
        long last = stats.lastDelivery.get();
        double activeSeconds = (Math.max(last, sendEnd) - sendStart) / 1e9;
        report.put("senders_started", senders.size())
                .put("receivers", receivers)
                .put("send_s", (sendEnd - sendStart) / 1e9)
                .put("sent", sent)
                .put("expected", expected)
                .put("delivered", delivered)
                .put("lost", expected - delivered)
                .put("foreign", stats.foreign.sum())
                .put("messages_per_s", sent / activeSeconds)
                .put("deliveries_per_s", delivered / activeSeconds);
        Latencies.put(report, stats.latencyNanos());
        cpu.finish(delivered, report);
    }

    private void closeAll() throws InterruptedException {
        closing = true;
        List<ChannelFuture> closes = new ArrayList<>();
        for (Connection c : connections) {
            if (c != null && c.channel != null) {
                closes.add(c.channel.close());
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ChannelFuture f : closes) {
            f.await(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** The driver's side of one connection; all fields but {@code ready} are confined to its event loop. */
    private final class Connection implements ClientEvents {
        final int index;
        volatile Channel channel;
        private volatile boolean ready;
        private boolean permitHeld = true;
        private boolean sending;
        private boolean needFlush;
        private int inFlight;
        private long nextSeq;
        private long firstNanos;
        private long periodNanos;
        private ScheduledFuture<?> tick;
        private final Stamp.Reader stamp = new Stamp.Reader();

        Connection(int index) {
            this.index = index;
        }

        boolean isReady() {
            return ready;
        }

        @Override
        public void ready() {
            ready = true;
            stats.ready.incrementAndGet();
            releasePermit();
        }

        void notReady() {
            stats.connectFailures.increment();
            releasePermit();
        }

        void closed() {
            if (!ready) {
                notReady();
            } else if (!closing) {
                stats.disconnects.increment();
            }
            sending = false;
        }

        private synchronized void releasePermit() {
            if (permitHeld) {
                permitHeld = false;
                connectPermits.release();
            }
        }

        @Override
        public void delivered(ByteBuf buf, int at, int length) {
            if (!stamp.read(buf, at, length)) {
                stats.foreign.increment();
                return;
            }
            stats.delivered(stamp.nanos(), System.nanoTime());
            if (stamp.sender() == index && !options.paced()) {
                inFlight--;
                if (sending) {
                    fillWindow();
                }
            }
        }

        @Override
        public void readComplete() {
            if (needFlush) {
                needFlush = false;
                channel.flush();
            }
        }

        @Override
        public void failed(String reason) {
            stats.failure("connection " + index + ": " + reason);
        }

        void startSending(long phaseNanos) {
            sending = true;
            if (!options.paced()) {
                fillWindow();
                readComplete();
                return;
            }
            periodNanos = (long) (1e9 / options.rate());
            firstNanos = System.nanoTime() + phaseNanos;
            long tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), periodNanos);
            tick = channel.eventLoop().scheduleAtFixedRate(this::sendDue, phaseNanos, tickNanos, TimeUnit.NANOSECONDS);
        }

        /** Paced: sends every message whose intended time has come, stamped with that intended time. */
        private void sendDue() {
            long now = System.nanoTime();
            while (sending && channel.isActive() && firstNanos + nextSeq * periodNanos <= now) {
                write(firstNanos + nextSeq * periodNanos);
                nextSeq++;
            }
            readComplete();
        }

        /** Unpaced: keeps {@code window} messages in flight; the sender's own copy frees a slot. */
        private void fillWindow() {
            while (inFlight < options.window() && channel.isActive()) {
                write(System.nanoTime());
                inFlight++;
            }
        }

        private void write(long nanos) {
            channel.write(protocol.broadcast(channel.alloc(), index, nanos, options.size()), channel.voidPromise());
            stats.sent.increment();
            needFlush = true;
        }

        void stopSending(CountDownLatch stopped) {
            sending = false;
            if (tick != null) {
                tick.cancel(false);
            }
            readComplete();
            stopped.countDown();
        }
    }

    /** Polling waits bounded by a deadline (the driver's main thread only). */
    static final class Waits {
        private Waits() {
        }

        static void until(BooleanSupplier condition, long endNanos) throws InterruptedException {
            while (!condition.getAsBoolean()) {
                long left = endNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }
}
