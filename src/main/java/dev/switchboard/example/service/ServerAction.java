package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleMessage;

/** What the server does with one received message. */
public sealed interface ServerAction permits ServerAction.Reply, ServerAction.Quit {

    /**
     * Send {@code message} on the same connection.
     *
     * @param message the reply
     * @param outcome what the metrics count it as: conversation, unknown or quit refused
     * @param warning something the handler should log at warn with the connection, or null
     */
    record Reply(ExampleMessage message, CommandOutcome outcome, String warning) implements ServerAction {
    }

    /** Accepted {@code QUIT} (spec §6.4): no reply, close this connection, stop the example listeners. */
    record Quit() implements ServerAction {
    }
}
