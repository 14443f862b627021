package dev.switchboard.tools.load;

import dev.switchboard.tools.load.example.ExampleConversationHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * One run of the example protocol: N slots each run full HI→BYE conversations back to back, a new
 * connection per conversation, for the duration. A conversation is "sent" when its connect starts and
 * "delivered" when BYE arrives; its latency is connect-to-BYE (the protocol's messages carry no
 * payload to stamp). With {@code --rate}, each slot starts at most that many conversations a second.
 */
final class ExampleRun {

    /** The example server caps lines (the reference has no limit); the client never needs more. */
    private static final int MAX_LINE = 1024;
    /** Pause after a failed conversation so a refused port does not become a busy loop. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LoadOptions options;
    private final ClientGroup clients;
    private final LoadStats stats;
    private final PrintStream progress;
    private final long deadlineNanos;
    private volatile boolean running;
    private volatile boolean closing;

    ExampleRun(LoadOptions options, ClientGroup clients, LoadStats stats, PrintStream progress, long deadlineNanos) {
        this.options = options;
        this.clients = clients;
        this.stats = stats;
        this.progress = progress;
        this.deadlineNanos = deadlineNanos;
    }

    void execute(LoadReport report) throws InterruptedException {
        ServerProbe.CpuWindow cpu = ServerProbe.CpuWindow.start(options.serverPids());
        running = true;
        long start = System.nanoTime();
        for (int i = 0; i < options.connections(); i++) {
            int slot = i;
            EventLoop loop = clients.group().next();
            loop.execute(() -> new Slot(slot, loop).next());
        }
        BroadcastRun.Waits.until(() -> false, Math.min(start + options.duration().toNanos(), deadlineNanos));
        running = false;
        long sendEnd = System.nanoTime();
        BroadcastRun.Waits.until(() -> stats.delivered.sum() + stats.connectFailures.sum() >= stats.sent.sum(),
                Math.min(sendEnd + options.drain().toNanos(), deadlineNanos));
        closing = true;
        long sent = stats.sent.sum();
        long delivered = stats.delivered.sum();
        double activeSeconds = (Math.max(stats.lastDelivery.get(), sendEnd) - start) / 1e9;
        report.put("send_s", (sendEnd - start) / 1e9)
                .put("sent", sent)
                .put("expected", sent)
                .put("delivered", delivered)
                .put("lost", sent - delivered)
                .put("failed_conversations", stats.connectFailures.sum())
                .put("foreign", stats.foreign.sum())
                .put("deliveries_per_s", delivered / activeSeconds);
        Latencies.put(report, stats.latencyNanos());
        cpu.finish(delivered, report);
        if (stats.firstFailure() != null) {
            report.put("first_failure", stats.firstFailure().replace('\n', ' '));
        }
        progress.printf("# %d conversations completed%n", delivered);
    }

    /** One conversation after another, its connections all on one event loop; fields are confined to it. */
    private final class Slot implements ExampleConversationHandler.Listener {
        private final int index;
        private final EventLoop loop;
        private long conversationStart;
        private long lastStart;
        private boolean completed;

        Slot(int index, EventLoop loop) {
            this.index = index;
            this.loop = loop;
        }

        void next() {
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            if (options.paced()) {
                long due = lastStart + (long) (1e9 / options.rate());
                if (lastStart != 0 && due > now) {
                    loop.schedule(this::next, due - now, TimeUnit.NANOSECONDS);
                    return;
                }
            }
            lastStart = now;
            conversationStart = now;
            completed = false;
            stats.sent.increment();
            ChannelFuture future = clients.connect(index, loop, this::init);
            future.channel().closeFuture().addListener(f -> ended());
        }

        private void init(Channel ch) {
            ch.pipeline().addLast("lines", new LineBasedFrameDecoder(MAX_LINE));
            ch.pipeline().addLast("conversation", new ExampleConversationHandler(this));
        }

        @Override
        public void completed() {
            completed = true;
            stats.delivered(conversationStart, System.nanoTime());
        }

        @Override
        public void unexpected(String line) {
            stats.foreign.increment();
            stats.failure("slot " + index + ": unexpected '" + line + "'");
        }

        /** Runs on the slot's loop once the connection is closed (or failed to open). */
        private void ended() {
            if (!completed) {
                stats.connectFailures.increment();
                if (!closing) {
                    stats.failure("slot " + index + ": conversation ended before BYE");
                }
                loop.schedule(this::next, RETRY_NANOS, TimeUnit.NANOSECONDS);
            } else {
                next();
            }
        }
    }
}
