package dev.switchboard.sea.support;

import dev.switchboard.sea.service.SeaLink;
import java.time.Instant;

/** An in-memory {@link SeaLink} that records what the SEA service asked of the connection (tests may override a call to make it fail). */
public class FakeSeaLink implements SeaLink {

    public boolean closed;
    public boolean reading;
    public boolean loggedIn;
    public Instant pausedUntil;
    public Instant unwritableSince;

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void startReading() {
        reading = true;
    }

    @Override
    public void loggedIn() {
        loggedIn = true;
    }

    @Override
    public void pauseReading(Instant until) {
        pausedUntil = until;
    }

    @Override
    public void resumeReading() {
        pausedUntil = null;
    }

    @Override
    public Instant unwritableSince() {
        return unwritableSince;
    }
}
