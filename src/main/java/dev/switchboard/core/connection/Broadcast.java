package dev.switchboard.core.connection;

import dev.switchboard.core.metrics.BroadcastMeter;
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
 * One message to many connections. The caller encodes once and {@link #add adds} one retained duplicate per
 * recipient; the writes are grouped by the recipients' event loops, and each loop gets ONE task that writes to
 * all of its recipients through {@link Connection}'s coalesced path (flushed once after the loop's turn), instead
 * of one cross-thread task per recipient. A recipient past its slow-consumer limit is refused and closed at
 * {@code add}, so the one bound on output is the same for single sends and broadcasts.
 *
 * <p>Order: writes for the calling thread's own loop run inline only when that loop has no task waiting (which
 * could be an earlier broadcast's batch); otherwise every loop receives broadcasts in submission order, so all
 * recipients see any two broadcasts in the same order, and per-channel order is unchanged.
 *
 * <p>Not thread-safe: build it, {@link #add} to it and {@link #submit()} it on one thread, once. With a
 * {@link BroadcastMeter}, the last batch to finish reports the fan-out time and delivery lag.
 */
public final class Broadcast {

    private final Map<EventExecutor, Batch> byLoop = new IdentityHashMap<>(4);
    private final BroadcastMeter meter;
    private int queued;

    /** A broadcast nobody times. */
    public Broadcast() {
        this(BroadcastMeter.NONE);
    }

    /** A broadcast timed by {@code meter}. */
    public Broadcast(BroadcastMeter meter) {
        this.meter = meter;
    }

    /**
     * Queues {@code message} for {@code recipient}; ownership passes to this broadcast (a refused message is
     * released at once).
     *
     * @return whether it was queued (false: the recipient is closing or was just closed as a slow consumer)
     */
    public boolean add(Connection recipient, Object message) {
        if (!recipient.admit(message)) {
            return false;
        }
        byLoop.computeIfAbsent(recipient.channel().eventLoop(), loop -> new Batch()).add(recipient, message);
        queued++;
        return true;
    }

    /** How many messages {@link #add} queued. */
    public int queued() {
        return queued;
    }

    /** Hands every loop its batch (running the caller's own loop's batch inline when nothing is ahead of it). */
    public void submit() {
        submit(true);
    }

    /**
     * Hands every loop its batch as a task, the caller's own loop included: for callers that hold a lock, which
     * must not call into a pipeline. Broadcasts submitted under one lock reach every loop in lock order.
     */
    public void submitQueued() {
        submit(false);
    }

    private void submit(boolean inlineAllowed) {
        if (meter.enabled() && !byLoop.isEmpty()) {
            Completion completion = new Completion(meter, byLoop.size());
            byLoop.values().forEach(batch -> batch.completion = completion);
        }
        byLoop.forEach((loop, batch) -> {
            if (inlineAllowed && loop.inEventLoop() && nothingQueued(loop)) {
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
        private final List<Connection> recipients = new ArrayList<>();
        private final List<Object> messages = new ArrayList<>();
        private Completion completion;

        void add(Connection recipient, Object message) {
            recipients.add(recipient);
            messages.add(message);
        }

        /** Runs on the loop; a write to a closed channel fails and releases its message itself. */
        @Override
        public void run() {
            for (int i = 0; i < recipients.size(); i++) {
                recipients.get(i).write(messages.get(i));
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
