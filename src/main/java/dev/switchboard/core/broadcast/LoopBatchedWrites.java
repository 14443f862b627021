package dev.switchboard.core.broadcast;

import dev.switchboard.core.metrics.BroadcastMeter;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writes of one broadcast, grouped by the recipients' event loops: each loop gets ONE task that
 * writes to all of its recipients and then flushes them, instead of Netty's one cross-thread write task
 * per recipient (with hundreds of recipients that hand-off, not the bytes, was the cost — see
 * src/bench/BENCHMARKS.md). Writes for the calling thread's own loop run inline when that loop has no
 * task waiting, which could be an earlier broadcast's batch: running inline past it would let recipients
 * on this loop see two broadcasts in the opposite order from recipients on other loops. So every loop
 * receives broadcasts in the order they were submitted, and per-channel order is unchanged.
 * Not thread-safe: build it, {@link #add} to it and {@link #submit()} it on one thread, once.
 * With a {@link BroadcastMeter}, the last batch to finish reports the fan-out time and delivery lag.
 */
public final class LoopBatchedWrites {

    private final Map<EventExecutor, Batch> byLoop = new IdentityHashMap<>(4);
    private final BroadcastMeter meter;

    /** A broadcast nobody times. */
    public LoopBatchedWrites() {
        this(BroadcastMeter.NONE);
    }

    /** A broadcast timed by {@code meter}. */
    public LoopBatchedWrites(BroadcastMeter meter) {
        this.meter = meter;
    }

    /** Queues {@code message} for {@code channel}; ownership of the message passes to this batch. */
    public void add(Channel channel, Object message) {
        byLoop.computeIfAbsent(channel.eventLoop(), loop -> new Batch()).add(channel, message);
    }

    /** Hands every loop its batch (running the caller's own loop's batch inline). */
    public void submit() {
        if (meter.enabled() && !byLoop.isEmpty()) {
            Completion completion = new Completion(meter, byLoop.size());
            byLoop.values().forEach(batch -> batch.completion = completion);
        }
        byLoop.forEach((loop, batch) -> {
            if (loop.inEventLoop() && nothingQueued(loop)) {
                batch.run();
                return;
            }
            try {
                loop.execute(batch);
            } catch (RejectedExecutionException shuttingDown) {
                batch.release();
            }
        });
        byLoop.clear();
    }

    private static boolean nothingQueued(EventExecutor loop) {
        return !(loop instanceof SingleThreadEventExecutor executor) || executor.pendingTasks() == 0;
    }

    /** One loop's share; owns one reference per message until it runs. */
    private static final class Batch implements Runnable {
        private final List<Channel> channels = new ArrayList<>();
        private final List<Object> messages = new ArrayList<>();
        private Completion completion;

        void add(Channel channel, Object message) {
            channels.add(channel);
            messages.add(message);
        }

        /** Runs on the loop; a write to a closed channel fails and releases its message itself. */
        @Override
        public void run() {
            for (int i = 0; i < channels.size(); i++) {
                Channel channel = channels.get(i);
                channel.write(messages.get(i), channel.voidPromise());
            }
            for (Channel channel : channels) {
                channel.flush();
            }
            if (completion != null) {
                completion.batchDone();
            }
        }

        void release() {
            messages.forEach(ReferenceCountUtil::release);
        }
    }

    /** Counts the batches of one timed broadcast down; the last one records it. */
    private static final class Completion {
        private final BroadcastMeter meter;
        private final long acceptedNanos;
        private final long startedNanos;
        private final AtomicInteger pending;

        Completion(BroadcastMeter meter, int batches) {
            this.meter = meter;
            this.acceptedNanos = meter.acceptedNanos();
            this.startedNanos = System.nanoTime();
            this.pending = new AtomicInteger(batches);
        }

        void batchDone() {
            if (pending.decrementAndGet() == 0) {
                meter.delivered(acceptedNanos, startedNanos, System.nanoTime());
            }
        }
    }
}
