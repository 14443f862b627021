package dev.switchboard.core.broadcast;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The writes of one broadcast, grouped by the recipients' event loops: each loop gets ONE task that
 * writes to all of its recipients and then flushes them, instead of Netty's one cross-thread write task
 * per recipient (with hundreds of recipients that hand-off, not the bytes, was the cost — see
 * src/bench/BENCHMARKS.md). Writes for the calling thread's own loop run inline. Per-channel order is
 * unchanged: a batch is queued on a channel's loop exactly where its single writes would have been.
 * Not thread-safe: build it, {@link #add} to it and {@link #submit()} it on one thread, once.
 */
public final class LoopBatchedWrites {

    private final Map<EventExecutor, Batch> byLoop = new IdentityHashMap<>(4);

    /** Queues {@code message} for {@code channel}; ownership of the message passes to this batch. */
    public void add(Channel channel, Object message) {
        byLoop.computeIfAbsent(channel.eventLoop(), loop -> new Batch()).add(channel, message);
    }

    /** Hands every loop its batch (running the caller's own loop's batch inline). */
    public void submit() {
        byLoop.forEach((loop, batch) -> {
            if (loop.inEventLoop()) {
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

    /** One loop's share; owns one reference per message until it runs. */
    private static final class Batch implements Runnable {
        private final List<Channel> channels = new ArrayList<>();
        private final List<Object> messages = new ArrayList<>();

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
        }

        void release() {
            messages.forEach(ReferenceCountUtil::release);
        }
    }
}
