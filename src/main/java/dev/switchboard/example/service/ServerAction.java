package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleMessage;

/** What the server does with one received message. */
public sealed interface ServerAction permits ServerAction.Reply, ServerAction.Quit {

    /**
     * Send {@code message} on the same connection.
     *
     * @param message the reply
     * @param outcome a metric tag: {@code conversation}, {@code unknown} or {@code quit_refused}
     * @param warning something the handler should log at warn with the connection, or null
     */
    record Reply(ExampleMessage message, String outcome, String warning) implements ServerAction {
    }

    /** Accepted {@code QUIT} (spec §6.4): no reply, close this connection, stop the example listeners. */
    record Quit() implements ServerAction {
    }
}
