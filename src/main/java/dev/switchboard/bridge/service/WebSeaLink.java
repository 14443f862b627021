package dev.switchboard.bridge.service;

import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.sea.service.SeaDelivery;
import dev.switchboard.sea.service.SeaLink;
import dev.switchboard.sea.service.SeaUser;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A browser member of the bridged room as the SEA service sees it: a session with no socket. What SEA sends it is
 * handed to the bridge (only private messages are shown to the browser); flood control pauses it like any client,
 * and messages the member writes meanwhile wait, a bounded number of them, until the pause ends. Everything here
 * runs on the SEA roster executor.
 */
final class WebSeaLink implements SeaLink {

    /** Messages held while flood control pauses the member; more are refused with a visible notice. */
    static final int MAX_HELD = 16;

    private final BridgeService bridge;
    private final RoomSession session;
    private final ArrayDeque<SeaRequest> held = new ArrayDeque<>();
    private SeaUser user;
    private boolean paused;
    private boolean leaving;

    WebSeaLink(BridgeService bridge, RoomSession session) {
        this.bridge = bridge;
        this.session = session;
    }

    RoomSession session() {
        return session;
    }

    int memberId() {
        return session.memberId();
    }

    SeaUser user() {
        return user;
    }

    void user(SeaUser user) {
        this.user = user;
    }

    /** The member left the room: the SEA side is ending because of it, not the other way round. */
    void leaving() {
        leaving = true;
    }

    boolean paused() {
        return paused;
    }

    boolean hold(SeaRequest request) {
        if (held.size() >= MAX_HELD) {
            return false;
        }
        held.addLast(request);
        return true;
    }

    SeaRequest nextHeld() {
        return held.pollFirst();
    }

    /** A SEA message addressed to this member's identity: the bridge reads the message, nothing is encoded. */
    @Override
    public void deliver(SeaDelivery delivery, byte version) {
        bridge.deliveredToWeb(this, delivery.message());
    }

    @Override
    public void close(CloseReason reason, String detail) {
        held.clear();
        if (!leaving) {
            bridge.seaClosedWeb(this, reason, detail);
        }
    }

    @Override
    public void startReading() {
    }

    @Override
    public void loggedIn() {
    }

    @Override
    public void pauseReading(Instant until) {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        bridge.resumed(this);
    }

    @Override
    public String describe() {
        return "[bridge member " + session.memberId() + "]";
    }

    @Override
    public Instant unwritableSince() {
        return null;
    }
}
