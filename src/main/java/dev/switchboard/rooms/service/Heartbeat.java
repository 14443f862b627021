package dev.switchboard.rooms.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The server heartbeat of one connection (spec §3: ping about every 30 s): decides, from the clock alone, when to
 * ping and when an unanswered ping means the peer is gone. Confined to one thread (the channel's event loop).
 */
public final class Heartbeat {

    /** What the caller must do now. */
    public enum Action { NONE, PING, EXPIRED }

    private final Duration interval;
    private final Duration timeout;
    private Instant lastPing;
    private Instant awaitingPongSince;

    /**
     * @param interval time between pings; zero disables the heartbeat
     * @param timeout  how long a ping may stay unanswered
     * @param start    when the connection opened; the first ping is due one interval later
     */
    public Heartbeat(Duration interval, Duration timeout, Instant start) {
        this.interval = interval;
        this.timeout = timeout;
        this.lastPing = start;
    }

    public Action check(Instant now) {
        if (interval.isZero()) {
            return Action.NONE;
        }
        if (awaitingPongSince != null) {
            return Duration.between(awaitingPongSince, now).compareTo(timeout) >= 0 ? Action.EXPIRED : Action.NONE;
        }
        if (Duration.between(lastPing, now).compareTo(interval) >= 0) {
            lastPing = now;
            awaitingPongSince = now;
            return Action.PING;
        }
        return Action.NONE;
    }

    /** The earliest instant at which {@link #check} can return something other than {@code NONE}. */
    public Instant nextDue() {
        if (interval.isZero()) {
            return Instant.MAX;
        }
        return awaitingPongSince != null ? awaitingPongSince.plus(timeout) : lastPing.plus(interval);
    }

    /** A pong arrived: the peer is alive and the next ping is due one interval after the last. */
    public void pongReceived() {
        awaitingPongSince = null;
    }
}
