package dev.switchboard.console.service;

import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds console snapshots: one {@link Sample} of the gateway per tick, shared by every open console,
 * then one bounded {@link ConsoleSnapshot} per console from it and that console's sessions query.
 * Rates are the byte counters' growth since the previous sample.
 */
public final class ConsoleSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSnapshots.class);
    /** Samples closer together than this keep the previous rates (a refresh right after a command). */
    private static final Duration MIN_RATE_WINDOW = Duration.ofMillis(500);
    private static final String UDP = "udp";

    private final ConsoleSources sources;
    private final AuditRing audit;
    private final Clock clock;
    private final int sessionRows;
    private final int listRows;

    private Instant ratesSince;
    private Map<String, ConsoleSources.ByteTotals> totalsAtRatesSince = Map.of();
    private Map<String, double[]> rates = Map.of();

    public ConsoleSnapshots(ConsoleSources sources, AuditRing audit, Clock clock, int sessionRows, int listRows) {
        this.sources = sources;
        this.audit = audit;
        this.clock = clock;
        this.sessionRows = sessionRows;
        this.listRows = listRows;
    }

    /** The gateway's state at one instant, before any console's query is applied. */
    public record Sample(Instant at, List<ConsoleSnapshot.ProtocolStats> protocols, List<ListenerDescriptor> listeners,
            List<SessionDescriptor> sessions, ConsoleSnapshot.Bounded<ConsoleSources.BanRow> bans,
            ConsoleSnapshot.Bounded<String> blacklist, ConsoleSnapshot.Bounded<RoomView> rooms,
            List<AuditLog.Entry> audit, List<String> errors) {
    }

    /** Reads every source once; a source that fails leaves its part empty and is named in {@code errors}. */
    public synchronized Sample sample() {
        Instant now = clock.instant();
        List<String> errors = new ArrayList<>();
        List<ListenerDescriptor> listeners = read("listeners", sources::listeners, errors);
        List<SessionDescriptor> sessions = read("sessions", sources::sessions, errors);
        List<ConsoleSources.BanRow> bans = read("bans", sources::bans, errors);
        List<String> blacklist = read("blacklist", sources::blacklist, errors);
        List<RoomView> rooms = read("rooms", sources::rooms, errors);
        return new Sample(now, protocolStats(listeners, now), listeners, sessions, bounded(bans), bounded(blacklist),
                bounded(rooms), audit.recent(), List.copyOf(errors));
    }

    /** One console's snapshot: the sample with that console's page of matching sessions. */
    public ConsoleSnapshot view(Sample sample, SessionQuery query, ConsoleSnapshot.Consoles consoles) {
        List<SessionDescriptor> matching = sample.sessions().stream().filter(s -> matches(s, query)).toList();
        int pages = Math.max(1, (matching.size() + sessionRows - 1) / sessionRows);
        int page = Math.min(query.page(), pages - 1);
        int from = page * sessionRows;
        List<SessionDescriptor> rows = matching.subList(from, Math.min(matching.size(), from + sessionRows));
        ConsoleSnapshot.SessionPage sessions = new ConsoleSnapshot.SessionPage(query.protocol(), query.text(), page,
                sessionRows, sample.sessions().size(), matching.size(), List.copyOf(rows));
        return new ConsoleSnapshot("snapshot", sample.at(), sample.protocols(), sample.listeners(), sessions,
                sample.bans(), sample.blacklist(), sample.rooms(), sample.audit(), consoles, sample.errors());
    }

    private List<ConsoleSnapshot.ProtocolStats> protocolStats(List<ListenerDescriptor> listeners, Instant now) {
        Map<String, ConsoleSources.ByteTotals> totals = new HashMap<>();
        for (ListenerDescriptor listener : listeners) {
            totals.put(listener.name(), sources.traffic(listener.name()));
        }
        boolean newWindow = ratesSince == null || Duration.between(ratesSince, now).compareTo(MIN_RATE_WINDOW) >= 0;
        if (newWindow) {
            rates = ratesSince == null ? Map.of() : rates(totals, Duration.between(ratesSince, now));
            ratesSince = now;
            totalsAtRatesSince = totals;
        }
        Map<String, long[]> byProtocol = new LinkedHashMap<>();
        Map<String, double[]> rateByProtocol = new HashMap<>();
        for (ListenerDescriptor listener : listeners) {
            long[] sums = byProtocol.computeIfAbsent(listener.protocol(), p -> new long[4]);
            ConsoleSources.ByteTotals bytes = totals.get(listener.name());
            sums[0]++;
            // A datagram listener has no connections; its "connection" count is not a session count.
            sums[1] += UDP.equals(listener.transport()) ? 0 : listener.connections();
            sums[2] += bytes.in();
            sums[3] += bytes.out();
            double[] rate = rates.getOrDefault(listener.name(), new double[2]);
            double[] protocolRate = rateByProtocol.computeIfAbsent(listener.protocol(), p -> new double[2]);
            protocolRate[0] += rate[0];
            protocolRate[1] += rate[1];
        }
        List<ConsoleSnapshot.ProtocolStats> stats = new ArrayList<>();
        byProtocol.forEach((protocol, sums) -> {
            double[] rate = rateByProtocol.get(protocol);
            stats.add(new ConsoleSnapshot.ProtocolStats(protocol, (int) sums[0], (int) sums[1], sums[2], sums[3],
                    rate[0], rate[1]));
        });
        return List.copyOf(stats);
    }

    private Map<String, double[]> rates(Map<String, ConsoleSources.ByteTotals> totals, Duration window) {
        double seconds = window.toNanos() / 1e9;
        Map<String, double[]> result = new HashMap<>();
        totals.forEach((listener, now) -> {
            ConsoleSources.ByteTotals before = totalsAtRatesSince.getOrDefault(listener, now);
            // A counter that went backwards (a meter re-registered) restarts the rate rather than going negative.
            result.put(listener, new double[] {
                    Math.max(0, now.in() - before.in()) / seconds, Math.max(0, now.out() - before.out()) / seconds});
        });
        return result;
    }

    private <T> ConsoleSnapshot.Bounded<T> bounded(List<T> items) {
        return new ConsoleSnapshot.Bounded<>(items.size(), List.copyOf(items.subList(0, Math.min(items.size(), listRows))));
    }

    private static <T> List<T> read(String part, Supplier<List<T>> source, List<String> errors) {
        try {
            return source.get();
        } catch (RuntimeException e) {
            log.debug("console could not read {}", part, e);
            errors.add(part + ": " + e.getMessage());
            return List.of();
        }
    }

    private static boolean matches(SessionDescriptor session, SessionQuery query) {
        if (query.protocol() != null && !query.protocol().equalsIgnoreCase(session.protocol())) {
            return false;
        }
        if (query.text() == null) {
            return true;
        }
        String needle = query.text().toLowerCase(Locale.ROOT);
        for (String field : new String[] {session.id(), session.name(), session.address(), session.listener(),
                session.state()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
