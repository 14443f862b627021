package dev.switchboard.console.web;

import dev.switchboard.console.service.ConsoleSources;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.ListenersEndpoint;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.core.admin.Sessions;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.rooms.admin.RoomsEndpoint;
import dev.switchboard.rooms.service.RoomView;
import dev.switchboard.sea.admin.BansEndpoint;
import dev.switchboard.sea.admin.BlacklistEndpoint;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import java.util.List;

/**
 * The console's reads, from the same beans the Actuator read operations use; traffic from the
 * listeners' byte counters that Prometheus scrapes.
 */
public final class ActuatorConsoleSources implements ConsoleSources {

    private final ListenersEndpoint listeners;
    private final Sessions sessions;
    private final BansEndpoint bans;
    private final BlacklistEndpoint blacklist;
    private final RoomsEndpoint rooms;
    private final MeterRegistry meters;

    public ActuatorConsoleSources(ListenersEndpoint listeners, Sessions sessions, BansEndpoint bans,
            BlacklistEndpoint blacklist, RoomsEndpoint rooms, MeterRegistry meters) {
        this.listeners = listeners;
        this.sessions = sessions;
        this.bans = bans;
        this.blacklist = blacklist;
        this.rooms = rooms;
        this.meters = meters;
    }

    @Override
    public List<ListenerDescriptor> listeners() {
        return listeners.listeners();
    }

    @Override
    public ByteTotals traffic(String listener) {
        return new ByteTotals(count(GatewayMeters.LISTENER_BYTES_IN, listener),
                count(GatewayMeters.LISTENER_BYTES_OUT, listener));
    }

    @Override
    public List<SessionDescriptor> sessions() {
        return sessions.list(null, null, null);
    }

    @Override
    public List<BanRow> bans() {
        return bans.bans().stream().map(b -> new BanRow(b.address(), b.expiresAt(), b.permanent())).toList();
    }

    @Override
    public List<String> blacklist() {
        return blacklist.patterns();
    }

    @Override
    public List<RoomView> rooms() {
        return rooms.rooms();
    }

    private long count(String meter, String listener) {
        double total = 0;
        for (Meter found : meters.find(meter).tag(GatewayMeters.Tags.LISTENER, listener).meters()) {
            for (Measurement measurement : found.measure()) {
                if (measurement.getStatistic() == Statistic.COUNT || measurement.getStatistic() == Statistic.TOTAL) {
                    total += measurement.getValue();
                }
            }
        }
        return (long) total;
    }
}
