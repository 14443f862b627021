package dev.switchboard.sea.service;

import java.util.function.IntSupplier;

/**
 * What the SEA service measures; implemented with Micrometer, or {@link #NOOP}. Closed connections are not
 * here: the core disconnector counts every close, by reason.
 */
public interface SeaMetrics {

    /** A recorder that records nothing, for unit tests. */
    SeaMetrics NOOP = new SeaMetrics() {
    };

    /** Registers the gauges of logged-in users and active bans. */
    default void bindGauges(IntSupplier loggedInUsers, IntSupplier activeBans) {
    }

    /** A login attempt ended with {@code outcome}. */
    default void login(SeaLoginOutcome outcome) {
    }

    /** A MESSAGE of {@code kind} was delivered to {@code recipients}. */
    default void message(SeaMessageKind kind, int recipients, long payloadBytes) {
    }

    /** A session was throttled (§11.2). */
    default void throttled() {
    }
}
