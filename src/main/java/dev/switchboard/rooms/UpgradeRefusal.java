package dev.switchboard.rooms;

import dev.switchboard.core.metrics.MeterTag;

/** Why a WebSocket upgrade was answered with an HTTP error: the {@code reason} of {@link RoomsMeters#UPGRADES_REFUSED}. */
public enum UpgradeRefusal implements MeterTag {
    /** The opening handshake broke RFC 6455 §4.2.1 (400, or 426 for another version). */
    BAD_HANDSHAKE("bad-handshake"),
    /** {@code max-connections} rooms connections were open (503). */
    CONNECTION_LIMIT("connection-limit"),
    /** On a cluster, this node's rooms state was not in sync with the others (joining, or Redis away) (503). */
    CLUSTER_UNAVAILABLE("cluster-unavailable");

    private final String tag;

    UpgradeRefusal(String tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag;
    }
}
