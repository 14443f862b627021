package dev.switchboard.sea.support;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.service.SeaDelivery;
import dev.switchboard.sea.service.SeaLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link SeaLink} that records what the SEA service asked of the connection (tests may override a
 * call to make it fail); a link that is not a socket, so it reads each delivery's message.
 */
public class FakeSeaLink implements SeaLink {

    public boolean closed;
    public CloseReason closeReason;
    public String closeDetail;
    public boolean reading;
    public boolean loggedIn;
    public Instant pausedUntil;
    public Instant unwritableSince;
    public final List<SeaServerMessage> delivered = new ArrayList<>();

    @Override
    public void deliver(SeaDelivery delivery, byte version) {
        delivered.add(delivery.message());
    }

    @Override
    public void close(CloseReason reason, String detail) {
        if (!closed) {
            closeReason = reason;
            closeDetail = detail;
        }
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
