package dev.switchboard.core.connection;

import dev.switchboard.core.metrics.BroadcastMeter;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One message to many connections. The caller encodes once and either {@link #addCopy adds the shared bytes} for
 * each recipient (copied into the recipient's turn output on its loop: one reference per loop, none per
 * recipient) or {@link #add adds} a message of the recipient's own (a retained duplicate, an object); the writes are grouped by the recipients' event loops, and each loop gets ONE task that writes to
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

    /**
     * Queues a copy of {@code shared}'s readable bytes for {@code recipient}, made on the recipient's event loop
     * straight into its turn's output, so a recipient costs no duplicate and no reference count of its own: each
     * loop's batch holds one reference to {@code shared} until it ran. The caller keeps its own reference, must not
     * change the bytes, and may release them once {@link #submit} returned.
     *
     * @return whether it was queued (false: the recipient is closing or was just closed as a slow consumer)
     */
    public boolean addCopy(Connection recipient, ByteBuf shared) {
        if (!recipient.admits()) {
            return false;
        }
        byLoop.computeIfAbsent(recipient.channel().eventLoop(), loop -> new Batch()).addCopy(recipient, shared);
        queued++;
        return true;
    }

    /** How many messages {@link #add} and {@link #addCopy} queued. */
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

    /**
     * One loop's share, in add order: messages it owns (one reference each) and copies of shared bytes (one
     * reference per distinct shared buffer for the whole batch), until it runs.
     */
    private static final class Batch implements Runnable {
        private Connection[] recipients = new Connection[8];
        private Object[] messages = new Object[8];
        private boolean[] copies = new boolean[8];
        private int size;
        private final List<ByteBuf> retained = new ArrayList<>(2);
        private Completion completion;

        void add(Connection recipient, Object message) {
            append(recipient, message, false);
        }

        void addCopy(Connection recipient, ByteBuf shared) {
            if (!holds(shared)) {
                retained.add(shared.retain());
            }
            append(recipient, shared, true);
        }

        private boolean holds(ByteBuf shared) {
            for (int i = retained.size() - 1; i >= 0; i--) {
                if (retained.get(i) == shared) {
                    return true;
                }
            }
            return false;
        }

        private void append(Connection recipient, Object message, boolean copy) {
            if (size == recipients.length) {
                recipients = Arrays.copyOf(recipients, size * 2);
                messages = Arrays.copyOf(messages, size * 2);
                copies = Arrays.copyOf(copies, size * 2);
            }
            recipients[size] = recipient;
            messages[size] = message;
            copies[size] = copy;
            size++;
        }

        /** Runs on the loop; a write to a closed channel releases its message itself. */
        @Override
        public void run() {
            try {
                for (int i = 0; i < size; i++) {
                    if (copies[i]) {
                        recipients[i].writeCopy((ByteBuf) messages[i]);
                    } else {
                        recipients[i].write(messages[i]);
                    }
                }
            } finally {
                retained.forEach(ByteBuf::release);
            }
            if (completion != null) {
                completion.batchDone();
            }
        }

        void release() {
            for (int i = 0; i < size; i++) {
                if (!copies[i]) {
                    ReferenceCountUtil.release(messages[i]);
                }
            }
            retained.forEach(ByteBuf::release);
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
