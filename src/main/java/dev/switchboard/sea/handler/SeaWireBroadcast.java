package dev.switchboard.sea.handler;

import dev.switchboard.core.connection.Broadcast;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.sea.codec.SeaEncoding;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.service.SeaDelivery;
import io.netty.buffer.ByteBufAllocator;

/**
 * The SEA sockets' share of one {@link SeaDelivery}: the message encoded once per recipient class (§9.5) and
 * one {@link Broadcast} that queues a retained duplicate per recipient, grouped by event loop and flushed once
 * per loop turn. Roster executor only.
 */
final class SeaWireBroadcast implements SeaDelivery.Attachment {

    static final SeaDelivery.Kind<SeaWireBroadcast> KIND = new SeaDelivery.Kind<>(SeaWireBroadcast.class);

    private final SeaEncoding encoding;
    private final Broadcast broadcast;

    SeaWireBroadcast(ByteBufAllocator alloc, SeaDelivery delivery, BroadcastMeter meter) {
        this.encoding = SeaServerEncoder.prepare(alloc, delivery.message());
        // A reply to one client is not a broadcast: only fan-outs are timed.
        this.broadcast = new Broadcast(delivery.recipients() > 1 ? meter : BroadcastMeter.NONE);
    }

    /** Queues the bytes for a recipient of {@code version} on {@code recipient}. */
    void add(Connection recipient, byte version) {
        broadcast.add(recipient, encoding.forRecipient(version));
    }

    @Override
    public void finish() {
        try {
            broadcast.submit();
        } finally {
            encoding.close();
        }
    }
}
