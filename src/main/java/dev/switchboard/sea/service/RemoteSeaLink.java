package dev.switchboard.sea.service;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.sea.message.SeaBytes;

import java.time.Instant;

/**
 * The link of a session whose connection another cluster node owns: that node delivers to it, reads it and closes
 * it, so here every call does nothing. Each node thus encodes a broadcast only for its own sessions.
 */
final class RemoteSeaLink implements SeaLink {

    private final String node;

    RemoteSeaLink(String node) {
        this.node = node;
    }

    @Override
    public void deliver(SeaDelivery delivery, byte version) {
    }

    @Override
    public void close(CloseReason reason, String detail) {
    }

    @Override
    public void startReading() {
    }

    @Override
    public void loggedIn() {
    }

    @Override
    public void pauseReading(Instant until) {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public String describe() {
        return "node " + (node.isEmpty() ? "?" : node);
    }

    @Override
    public SeaBytes defaultArchiveUrl() {
        return SeaBytes.EMPTY;
    }

    @Override
    public Instant unwritableSince() {
        return null;
    }
}
