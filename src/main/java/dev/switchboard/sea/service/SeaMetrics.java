package dev.switchboard.sea.service;

import java.util.function.IntSupplier;

/** What the SEA listener measures; implemented with Micrometer, or {@link #NOOP}. */
public interface SeaMetrics {

    /** A recorder that records nothing, for unit tests. */
    SeaMetrics NOOP = new SeaMetrics() {
    };

    /** Registers the gauges of logged-in users and active bans. */
    default void bindGauges(IntSupplier loggedInUsers, IntSupplier activeBans) {
    }

    /** A login attempt ended with {@code outcome} ({@code ok}, or a close reason tag). */
    default void login(String outcome) {
    }

    /** A MESSAGE was delivered; {@code kind} is {@code group}, {@code private} or {@code printers}. */
    default void message(String kind, int recipients, long payloadBytes) {
    }

    /** A session was closed for {@code reason}. */
    default void closed(SeaCloseReason reason) {
    }

    /** A session was throttled (§11.2). */
    default void throttled() {
    }
}
