package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** In-memory {@link RoomSession} that records what the service sends it. */
final class RecordingSession implements RoomSession {

    private int memberId;
    final List<TPacket> received = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String kickedFor;

    RecordingSession(int memberId) {
        this.memberId = memberId;
    }

    @Override
    public int memberId() {
        return memberId;
    }

    @Override
    public void assignMemberId(int memberId) {
        this.memberId = memberId;
    }

    @Override
    public void send(TPacket packet) {
        received.add(packet);
    }

    @Override
    public void kick(String reason) {
        kickedFor = reason;
    }

    /** Received packets rendered as "CMD p1 blob" lines, for readable assertions. */
    List<String> lines() {
        synchronized (received) {
            return received.stream().map(RecordingSession::render).toList();
        }
    }

    List<String> takeLines() {
        synchronized (received) {
            List<String> lines = lines();
            received.clear();
            return lines;
        }
    }

    static String render(TPacket p) {
        String name = p.command().map(Command::name).orElse("?" + p.cmd());
        String blob = new String(p.blob(), StandardCharsets.UTF_8);
        return switch (p.command().orElse(Command.NOP)) {
            case RESP_OK, RESP_ERROR -> name + " uid=" + Integer.toHexString(p.uid());
            case NEW_USER, DEL_USER, NEW_MSG -> name + " " + Integer.toHexString(p.p1()) + " " + blob;
            default -> name + " " + blob;
        };
    }
}
