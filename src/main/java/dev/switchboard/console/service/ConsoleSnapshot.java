package dev.switchboard.console.service;

import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import java.time.Instant;
import java.util.List;

/**
 * Everything one console shows at one instant; every list is bounded (the total is given beside it).
 *
 * @param errors the parts that could not be read this time (e.g. the SEA roster did not answer), so
 *     the page can say so instead of showing stale or empty data silently
 */
public record ConsoleSnapshot(String type, Instant at, List<ProtocolStats> protocols,
        List<ListenerDescriptor> listeners, SessionPage sessions, Bounded<ConsoleSources.BanRow> bans, Bounded<String> blacklist,
        Bounded<RoomView> rooms, List<AuditLog.Entry> audit, Consoles consoles, List<String> errors) {

    /** Per protocol: listeners, open connections, bytes so far and per second since the last sample. */
    public record ProtocolStats(String protocol, int listeners, int connections, long bytesIn, long bytesOut,
            double bytesInPerSecond, double bytesOutPerSecond) {
    }

    /** One page of the sessions matching the console's query; {@code total} counts all sessions. */
    public record SessionPage(String protocol, String text, int page, int pageSize, int total, int matched,
            List<SessionDescriptor> rows) {
    }

    /** The first {@code items} of a list of {@code total}. */
    public record Bounded<T>(int total, List<T> items) {
    }

    /** Open consoles and consoles dropped for not reading. */
    public record Consoles(int open, long dropped) {
    }
}
