package dev.switchboard.sea.handler;

import dev.switchboard.sea.codec.SeaEncoding;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.service.SeaOutbound;
import dev.switchboard.sea.service.SeaUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes server messages to SEA connections: each message is encoded once per recipient class and
 * every recipient gets a retained duplicate (§9.5, STYLE lesson 9). Called on the SEA roster executor
 * only, so the order of writes to each channel is the global order of §4.5.
 *
 * <p>A broadcast hands each I/O event loop one task that writes to all of its recipients and then
 * flushes them, instead of one cross-thread write task per recipient: with hundreds of recipients the
 * per-write task hand-off, not the bytes, was the cost (JFR, src/bench). Per-channel order still holds
 * because every write to a channel, single or batched, is queued on that channel's loop in roster order.
 */
public final class SeaNettyOutbound implements SeaOutbound {

    @Override
    public void send(SeaServerMessage message, List<SeaUser> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        SeaConnection first = (SeaConnection) recipients.get(0).link();
        try (SeaEncoding encoding = SeaServerEncoder.prepare(first.channel().alloc(), message)) {
            if (recipients.size() == 1) {
                // forRecipient returns a new reference; write() takes ownership of it.
                first.write(encoding.forRecipient(recipients.get(0).version()));
                return;
            }
            Map<EventExecutor, WriteBatch> batches = new IdentityHashMap<>(4);
            for (SeaUser recipient : recipients) {
                SeaConnection connection = (SeaConnection) recipient.link();
                ByteBuf buf = encoding.forRecipient(recipient.version());
                if (connection.admit(buf)) {
                    batches.computeIfAbsent(connection.channel().eventLoop(), loop -> new WriteBatch())
                            .add(connection.channel(), buf);
                }
            }
            batches.forEach(SeaNettyOutbound::submit);
        }
    }

    private static void submit(EventExecutor loop, WriteBatch batch) {
        try {
            loop.execute(batch);
        } catch (RejectedExecutionException shuttingDown) {
            batch.release();
        }
    }

    /** The writes of one broadcast that belong to one event loop; owns one reference per buffer until run. */
    private static final class WriteBatch implements Runnable {
        private final List<Channel> channels = new ArrayList<>();
        private final List<ByteBuf> buffers = new ArrayList<>();

        void add(Channel channel, ByteBuf buf) {
            channels.add(channel);
            buffers.add(buf);
        }

        /** Runs on the loop: a failed write (closed channel) releases its buffer itself. */
        @Override
        public void run() {
            for (int i = 0; i < channels.size(); i++) {
                Channel channel = channels.get(i);
                channel.write(buffers.get(i), channel.voidPromise());
            }
            for (Channel channel : channels) {
                channel.flush();
            }
        }

        void release() {
            buffers.forEach(ByteBuf::release);
        }
    }
}
