package dev.switchboard.console.web;

import dev.switchboard.console.service.ConsoleSources;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import java.util.List;

/** A gateway with one listener and nothing else. */
final class QuietSources implements ConsoleSources {
    @Override
    public List<ListenerDescriptor> listeners() {
        return List.of(new ListenerDescriptor("sea", "sea", "tcp", "running", "/127.0.0.1:8732", 0));
    }

    @Override
    public ByteTotals traffic(String listener) {
        return ByteTotals.NONE;
    }

    @Override
    public List<SessionDescriptor> sessions() {
        return List.of();
    }

    @Override
    public List<BanRow> bans() {
        return List.of();
    }

    @Override
    public List<String> blacklist() {
        return List.of();
    }

    @Override
    public List<RoomView> rooms() {
        return List.of();
    }
}
