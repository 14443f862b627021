package dev.switchboard.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.core.admin.ListenerDescriptor;
import dev.switchboard.core.admin.SessionDescriptor;
import dev.switchboard.rooms.service.RoomView;
import dev.switchboard.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsoleSnapshotsTest {

    private static final ConsoleSnapshot.Consoles ONE_CONSOLE = new ConsoleSnapshot.Consoles(1, 0);

    /** An in-memory gateway: tests set what each source returns. */
    private static final class FakeSources implements ConsoleSources {
        List<ListenerDescriptor> listeners = List.of();
        final Map<String, ByteTotals> traffic = new HashMap<>();
        List<SessionDescriptor> sessions = List.of();
        List<BanRow> bans = List.of();
        List<String> blacklist = List.of();
        List<RoomView> rooms = List.of();
        RuntimeException bansFailure;

        @Override
        public List<ListenerDescriptor> listeners() {
            return listeners;
        }

        @Override
        public ByteTotals traffic(String listener) {
            return traffic.getOrDefault(listener, ByteTotals.NONE);
        }

        @Override
        public List<SessionDescriptor> sessions() {
            return sessions;
        }

        @Override
        public List<BanRow> bans() {
            if (bansFailure != null) {
                throw bansFailure;
            }
            return bans;
        }

        @Override
        public List<String> blacklist() {
            return blacklist;
        }

        @Override
        public List<RoomView> rooms() {
            return rooms;
        }
    }

    private final FakeSources sources = new FakeSources();
    private final MutableClock clock = new MutableClock();
    private final AuditRing audit = new AuditRing(3);

    private ConsoleSnapshots snapshots(int sessionRows, int listRows) {
        return new ConsoleSnapshots(sources, audit, clock, sessionRows, listRows);
    }

    private static ListenerDescriptor listener(String name, String protocol, String transport, int connections) {
        return new ListenerDescriptor(name, protocol, transport, "running", "/127.0.0.1:1", connections);
    }

    private static SessionDescriptor session(String id, String protocol, String name, String address) {
        return new SessionDescriptor(id, protocol, protocol, address, Instant.EPOCH, name, null, "logged-in", null);
    }

    @Test
    void sample_whenListenersOfOneProtocol_thenCountsAddUpAndDatagramListenersHaveNoConnections() {
        sources.listeners = List.of(listener("http", "http", "tcp", 3), listener("http-legacy", "http", "tcp", 2),
                listener("example-tcp", "example", "tcp", 1), listener("example-udp", "example", "udp", 1));
        sources.traffic.put("http", new ConsoleSources.ByteTotals(100, 1000));
        sources.traffic.put("http-legacy", new ConsoleSources.ByteTotals(50, 500));
        sources.traffic.put("example-udp", new ConsoleSources.ByteTotals(7, 0));

        List<ConsoleSnapshot.ProtocolStats> stats = snapshots(10, 10).sample().protocols();

        assertThat(stats).extracting(ConsoleSnapshot.ProtocolStats::protocol).containsExactly("http", "example");
        assertThat(stats.get(0)).isEqualTo(new ConsoleSnapshot.ProtocolStats("http", 2, 5, 150, 1500, 0, 0));
        assertThat(stats.get(1).connections()).isEqualTo(1);
        assertThat(stats.get(1).bytesIn()).isEqualTo(7);
    }

    @Test
    void sample_whenCountersGrow_thenRatesAreTheGrowthPerSecondSinceThePreviousSample() {
        sources.listeners = List.of(listener("sea", "sea", "tcp", 1));
        sources.traffic.put("sea", new ConsoleSources.ByteTotals(1_000, 2_000));
        ConsoleSnapshots snapshots = snapshots(10, 10);
        assertThat(snapshots.sample().protocols().get(0).bytesInPerSecond()).isZero();

        clock.advance(Duration.ofSeconds(2));
        sources.traffic.put("sea", new ConsoleSources.ByteTotals(5_000, 2_000));
        ConsoleSnapshot.ProtocolStats sea = snapshots.sample().protocols().get(0);
        assertThat(sea.bytesInPerSecond()).isEqualTo(2_000.0);
        assertThat(sea.bytesOutPerSecond()).isZero();

        // A refresh right after (a command's result) keeps the last rates instead of dividing by ~0.
        clock.advance(Duration.ofMillis(10));
        sources.traffic.put("sea", new ConsoleSources.ByteTotals(5_100, 2_000));
        assertThat(snapshots.sample().protocols().get(0).bytesInPerSecond()).isEqualTo(2_000.0);

        // A counter that went backwards never gives a negative rate.
        clock.advance(Duration.ofSeconds(1));
        sources.traffic.put("sea", new ConsoleSources.ByteTotals(10, 2_000));
        assertThat(snapshots.sample().protocols().get(0).bytesInPerSecond()).isZero();
    }

    @Test
    void view_whenSearched_thenMatchesAnyFieldCaseInsensitivelyAndFiltersByProtocol() {
        sources.sessions = List.of(session("aa01", "sea", "Alice", "10.0.0.1:5000"),
                session("bb02", "sea", "bob", "10.0.0.2:5000"),
                session("cc03", "rooms", "alice-too", "127.0.0.1:6000"),
                session("dd04", "example", null, "127.0.0.1:7000"));
        ConsoleSnapshots snapshots = snapshots(10, 10);
        ConsoleSnapshots.Sample sample = snapshots.sample();

        assertThat(ids(snapshots.view(sample, new SessionQuery(null, "ALICE", 0), ONE_CONSOLE)))
                .containsExactly("aa01", "cc03");
        assertThat(ids(snapshots.view(sample, new SessionQuery("SEA", "alice", 0), ONE_CONSOLE)))
                .containsExactly("aa01");
        assertThat(ids(snapshots.view(sample, new SessionQuery(null, "10.0.0.2", 0), ONE_CONSOLE)))
                .containsExactly("bb02");
        assertThat(ids(snapshots.view(sample, new SessionQuery(null, "dd0", 0), ONE_CONSOLE)))
                .containsExactly("dd04");
        ConsoleSnapshot.SessionPage none = snapshots.view(sample, new SessionQuery("sea", "zed", 0), ONE_CONSOLE)
                .sessions();
        assertThat(none.rows()).isEmpty();
        assertThat(none.total()).isEqualTo(4);
        assertThat(none.matched()).isZero();
    }

    @Test
    void view_whenManySessions_thenOnePageAtMostAndAPageBeyondTheEndShowsTheLast() {
        sources.sessions = IntStream.range(0, 25)
                .mapToObj(i -> session(String.format("%04d", i), "sea", "user" + i, "10.0.0.1:" + i)).toList();
        ConsoleSnapshots snapshots = snapshots(10, 10);
        ConsoleSnapshots.Sample sample = snapshots.sample();

        ConsoleSnapshot.SessionPage first = snapshots.view(sample, SessionQuery.ALL, ONE_CONSOLE).sessions();
        assertThat(first.rows()).hasSize(10);
        assertThat(first.matched()).isEqualTo(25);
        assertThat(first.pageSize()).isEqualTo(10);

        ConsoleSnapshot.SessionPage third = snapshots.view(sample, new SessionQuery(null, null, 2), ONE_CONSOLE)
                .sessions();
        assertThat(third.rows()).extracting(SessionDescriptor::id).containsExactly("0020", "0021", "0022", "0023", "0024");

        ConsoleSnapshot.SessionPage beyond = snapshots.view(sample, new SessionQuery(null, null, 99), ONE_CONSOLE)
                .sessions();
        assertThat(beyond.page()).isEqualTo(2);
        assertThat(beyond.rows()).hasSize(5);
    }

    @Test
    void query_whenOversizedOrNegative_thenClamped() {
        SessionQuery query = new SessionQuery("  SEA ", "x".repeat(500), -3);
        assertThat(query.protocol()).isEqualTo("sea");
        assertThat(query.text()).hasSize(SessionQuery.MAX_TEXT);
        assertThat(query.page()).isZero();
        assertThat(new SessionQuery("", "  ", Integer.MAX_VALUE)).isEqualTo(new SessionQuery(null, null, SessionQuery.MAX_PAGE));
    }

    @Test
    void sample_whenListsAreLong_thenBoundedWithTheirTotals() {
        sources.bans = IntStream.range(0, 7).mapToObj(i -> new ConsoleSources.BanRow("10.0.0." + i, null, true)).toList();
        sources.blacklist = List.of("*a*", "*b*", "*c*");
        sources.rooms = List.of(new RoomView("lobby", 2, 0, 0));

        ConsoleSnapshots.Sample sample = snapshots(10, 3).sample();

        assertThat(sample.bans().total()).isEqualTo(7);
        assertThat(sample.bans().items()).hasSize(3);
        assertThat(sample.blacklist().items()).containsExactly("*a*", "*b*", "*c*");
        assertThat(sample.rooms().items()).hasSize(1);
    }

    @Test
    void sample_whenOneSourceFails_thenItsPartIsEmptyAndNamedAndTheRestIsThere() {
        sources.listeners = List.of(listener("sea", "sea", "tcp", 0));
        sources.blacklist = List.of("*x*");
        sources.bansFailure = new IllegalStateException("SEA roster did not answer within PT5S");

        ConsoleSnapshots.Sample sample = snapshots(10, 10).sample();

        assertThat(sample.bans().items()).isEmpty();
        assertThat(sample.errors()).containsExactly("bans: SEA roster did not answer within PT5S");
        assertThat(sample.blacklist().items()).containsExactly("*x*");
        assertThat(sample.listeners()).hasSize(1);
    }

    @Test
    void auditRing_whenFull_thenKeepsTheNewestFirst() {
        List<String> actions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            audit.audited(new AuditLog.Entry(Instant.EPOCH, "ops", "action" + i, "t", "ok", "console"));
        }
        snapshots(10, 10).sample().audit().forEach(e -> actions.add(e.action()));
        assertThat(actions).containsExactly("action5", "action4", "action3");
    }

    @Test
    void auditLog_whenLineWritten_thenListenerGetsTheSameFieldsAndTheChannel() {
        AuditLog log = new AuditLog();
        log.addListener(audit);
        log.record("listener.stop", "example-tcp", "ok");
        log.via("console", () -> {
            log.record("session.kill", "1a2b", "ok");
            return null;
        });
        log.record("bans.add", "10.0.0.1", "ok");

        List<AuditLog.Entry> entries = audit.recent();
        assertThat(entries).extracting(AuditLog.Entry::action).containsExactly("bans.add", "session.kill", "listener.stop");
        assertThat(entries).extracting(AuditLog.Entry::via).containsExactly(null, "console", null);
        assertThat(entries.get(1).actor()).isEqualTo("system");
        assertThat(entries.get(1).target()).isEqualTo("1a2b");
    }

    private static List<String> ids(ConsoleSnapshot snapshot) {
        return snapshot.sessions().rows().stream().map(SessionDescriptor::id).toList();
    }
}
