package dev.switchboard.sea.handler;

import dev.switchboard.sea.codec.SeaEncoding;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.service.SeaOutbound;
import dev.switchboard.sea.service.SeaUser;

import java.util.List;

/**
 * Writes server messages to SEA connections: each message is encoded once per recipient class and
 * every recipient gets a retained duplicate (§9.5, STYLE lesson 9). Flushes are batched per event-loop
 * turn by the core's flush-consolidation stage. Called on the SEA roster executor only, so the order
 * of writes to each channel is the global order of §4.5.
 */
public final class SeaNettyOutbound implements SeaOutbound {

    @Override
    public void send(SeaServerMessage message, List<SeaUser> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        SeaConnection first = (SeaConnection) recipients.get(0).link();
        try (SeaEncoding encoding = SeaServerEncoder.prepare(first.channel().alloc(), message)) {
            for (SeaUser recipient : recipients) {
                // forRecipient returns a new reference; write() takes ownership of it.
                ((SeaConnection) recipient.link()).write(encoding.forRecipient(recipient.version()));
            }
        }
    }
}
