package dev.switchboard.tools.example;

import dev.switchboard.tools.codec.example.ExampleLine;

/** What the example client does with one received message (spec §6.3). */
public sealed interface ClientAction permits ClientAction.Send, ClientAction.Finish, ClientAction.LogOnly {

    /** Send {@code message} back on the connection. */
    record Send(ExampleLine message) implements ClientAction {
    }

    /** {@code BYE}: close, stop reconnecting, exit 0. */
    record Finish() implements ClientAction {
    }

    /** {@code UNKNOWN}/{@code INVALID}: log only, never answer (spec §6.2 loop hazard, D7). */
    record LogOnly(String note) implements ClientAction {
    }
}
