package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaServerMessage;

import java.util.List;

/**
 * The production {@link SeaOutbound}: every recipient's own {@link SeaLink} takes the message, sharing one
 * {@link SeaDelivery} so each transport encodes it once. Knows no transport.
 */
public final class SeaLinkOutbound implements SeaOutbound {

    @Override
    public void send(SeaServerMessage message, List<SeaUser> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        SeaDelivery delivery = new SeaDelivery(message, recipients.size());
        try {
            for (SeaUser recipient : recipients) {
                recipient.link().deliver(delivery, recipient.version());
            }
        } finally {
            // What was collected must be sent (or released), even when one recipient failed.
            delivery.finish();
        }
    }
}
