package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaServerMessage;

import java.util.List;

/**
 * Sends server messages. Implementations encode a message once and share the bytes between its
 * recipients (§9.5); callers have already applied the version gates of §7.
 */
public interface SeaOutbound {

    /** Queues {@code message} for every recipient, in list order; called on the roster executor. */
    void send(SeaServerMessage message, List<SeaUser> recipients);

    /** Queues {@code message} for one recipient. */
    default void send(SeaServerMessage message, SeaUser recipient) {
        send(message, List.of(recipient));
    }
}
