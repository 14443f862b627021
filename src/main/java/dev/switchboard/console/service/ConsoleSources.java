package dev.switchboard.console.service;

import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import java.util.List;

/**
 * What the console reads, each from the service the matching Actuator endpoint reads: listeners, their
 * byte counters, sessions, SEA bans and blacklist, rooms.
 */
public interface ConsoleSources {

    List<ListenerDescriptor> listeners();

    /** Bytes read and written so far by one listener's connections. */
    ByteTotals traffic(String listener);

    /** Every session of every protocol (the sessions endpoint's list without filters). */
    List<SessionDescriptor> sessions();

    List<BanRow> bans();

    List<String> blacklist();

    List<RoomView> rooms();

    /** Monotonic byte counters of one listener. */
    record ByteTotals(long in, long out) {
        public static final ByteTotals NONE = new ByteTotals(0, 0);
    }

    /** A SEA ban as operators see it; {@code expiresAt} null means permanent. */
    record BanRow(String address, String expiresAt, boolean permanent) {
    }
}
