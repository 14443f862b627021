package dev.switchboard.sea.handler;

import dev.switchboard.core.broadcast.LoopBatchedWrites;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.sea.codec.SeaEncoding;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.service.SeaOutbound;
import dev.switchboard.sea.service.SeaUser;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes server messages to SEA connections: each message is encoded once per recipient class and
 * every recipient gets a retained duplicate (§9.5). Called on the SEA roster executor
 * only, so the order of writes to each channel is the global order of §4.5.
 *
 * <p>A broadcast goes through {@link LoopBatchedWrites}: one task per I/O event loop rather than one
 * cross-thread write per recipient. Per-channel order still holds because every write to a channel,
 * single or batched, is queued on that channel's loop in roster order.
 */
public final class SeaNettyOutbound implements SeaOutbound {

    private final BroadcastMeter broadcasts;

    /** An outbound whose broadcasts nobody times (tests). */
    public SeaNettyOutbound() {
        this(BroadcastMeter.NONE);
    }

    /** An outbound whose broadcasts report their fan-out time and delivery lag to {@code broadcasts}. */
    public SeaNettyOutbound(BroadcastMeter broadcasts) {
        this.broadcasts = broadcasts;
    }

    @Override
    public void send(SeaServerMessage message, List<SeaUser> recipients) {
        List<SeaConnection> connections = new ArrayList<>(recipients.size());
        List<SeaUser> connected = new ArrayList<>(recipients.size());
        for (SeaUser recipient : recipients) {
            if (recipient.link() instanceof SeaConnection connection) {
                connections.add(connection);
                connected.add(recipient);
            } else {
                recipient.link().deliver(message);
            }
        }
        if (connections.isEmpty()) {
            return;
        }
        SeaConnection first = connections.get(0);
        try (SeaEncoding encoding = SeaServerEncoder.prepare(first.channel().alloc(), message)) {
            if (connections.size() == 1) {
                // forRecipient returns a new reference; write() takes ownership of it.
                first.write(encoding.forRecipient(connected.get(0).version()));
                return;
            }
            LoopBatchedWrites writes = new LoopBatchedWrites(broadcasts);
            try {
                for (int i = 0; i < connections.size(); i++) {
                    SeaConnection connection = connections.get(i);
                    ByteBuf buf = encoding.forRecipient(connected.get(i).version());
                    if (connection.admit(buf)) {
                        writes.add(connection.channel(), buf);
                    }
                }
            } finally {
                // Whatever was queued is owned by the batch: it must be written (or released), never dropped.
                writes.submit();
            }
        }
    }
}
