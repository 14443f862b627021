package dev.switchboard.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.cluster.ClusterEvents;
import dev.switchboard.cluster.ClusterState;
import dev.switchboard.cluster.DurableStore;
import dev.switchboard.cluster.DurableStoreException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.BanEntry;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.Ipv4Cidr;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.UserIdAllocator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SeaDurableState} against an in-memory store that can be switched unreachable, as Redis can be:
 * the configured state is never written over a stored one the node has not read, admin actions are
 * stored at once, and a change announced by another node replaces this node's copy.
 */
@Timeout(60)
class SeaDurableStateTest {

    private static final String STORED_BAN = """
            {"bans":[{"block":"10.9.0.0/16","expiresAtMillis":null}],"blacklist":["*evil*"],
             "settings":{"strict":true,"archiveUrl":"","floodThreshold":9,"defaultMaxPenaltySeconds":10,
             "banTimeoutSeconds":600}}""";

    private final FakeStore store = new FakeStore();
    private final FakeEvents events = new FakeEvents();
    private final AuditLog audit = new AuditLog();
    private final SeaService service = new SeaService(Clock.systemUTC(), (m, r) -> { }, SeaMetrics.NOOP,
            SeaSettings.defaults(""), BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null),
            new NameBlacklist(NameBlacklist.CaseFolding.ASCII, List.of("configured*")), List.of(),
            Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    private SeaDurableState state;

    private void start() throws Exception {
        service.bans().addPermanent(Ipv4Cidr.parse("192.0.2.0/24"), Clock.systemUTC().instant());
        state = new SeaDurableState(store, events, events, service, Runnable::run, audit, Clock.systemUTC());
        state.afterPropertiesSet();
    }

    @AfterEach
    void stop() throws Exception {
        if (state != null) {
            state.destroy();
        }
    }

    private List<String> bans() {
        return service.bans().list().stream().map(BanEntry::text).toList();
    }

    @Test
    void startup_whenAStateIsStored_thenItIsAddedToTheConfiguredOneAndTheUnionStored() throws Exception {
        store.values.put(SeaDurableState.KEY, STORED_BAN);

        start();

        assertThat(bans()).containsExactlyInAnyOrder("10.9.0.0/16", "192.0.2.0/24");
        assertThat(service.blacklist().list()).containsExactly("configured*", "*evil*");
        assertThat(service.settings().strict()).isTrue();
        assertThat(service.settings().floodPolicy().floodThreshold()).isEqualTo(9);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.values.get(SeaDurableState.KEY).contains("192.0.2.0/24"));
    }

    @Test
    void startup_whenTheStoreIsDown_thenNothingIsWrittenUntilTheStoredStateHasBeenRead() throws Exception {
        store.values.put(SeaDurableState.KEY, STORED_BAN);
        store.down = true;

        start();
        // checks run every second while the store is down; a ban added meanwhile must not overwrite the stored state
        service.bans().addPermanent(Ipv4Cidr.parse("198.51.100.0/24"), Clock.systemUTC().instant());
        audit.record("bans.add", "198.51.100.0/24", "ok");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(store.values.get(SeaDurableState.KEY)).isEqualTo(STORED_BAN);

        store.down = false;

        // The stored state is applied part by part (bans, then blacklist, then settings): wait for all of it.
        await().atMost(Duration.ofSeconds(10)).until(() -> bans().contains("10.9.0.0/16")
                && service.blacklist().list().contains("*evil*"));
        assertThat(bans()).contains("192.0.2.0/24", "198.51.100.0/24");
        assertThat(service.blacklist().list()).contains("configured*", "*evil*");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.values.get(SeaDurableState.KEY)
                .contains("198.51.100.0/24"));
    }

    @Test
    void adminAction_whenSucceeded_thenStoredAndAnnounced() throws Exception {
        start();
        int announcedBefore = events.published.size();

        service.bans().add(Ipv4Cidr.parse("203.0.113.9"), Duration.ofHours(1), Clock.systemUTC().instant());
        audit.record("bans.add", "203.0.113.9", "ok");

        await().atMost(Duration.ofSeconds(5)).until(() -> store.values.get(SeaDurableState.KEY).contains("203.0.113.9"));
        assertThat(events.published.size()).isGreaterThan(announcedBefore);
    }

    @Test
    void changeElsewhere_whenAnnounced_thenTheStoredStateReplacesThisNodesCopy() throws Exception {
        start();
        assertThat(bans()).containsExactly("192.0.2.0/24");

        store.values.put(SeaDurableState.KEY, STORED_BAN);
        events.deliver(new ClusterEvent(SeaDurableState.CHANNEL, "0-99", "other-node", new byte[0]));

        await().atMost(Duration.ofSeconds(5)).until(() -> bans().equals(List.of("10.9.0.0/16")));
        assertThat(service.blacklist().list()).containsExactly("*evil*");

        // this node's own announcement is not loaded again
        store.values.put(SeaDurableState.KEY, STORED_BAN.replace("10.9.0.0/16", "10.8.0.0/16"));
        events.deliver(new ClusterEvent(SeaDurableState.CHANNEL, "0-100", events.nodeId(), new byte[0]));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(bans()).containsExactly("10.9.0.0/16");
    }

    /** An in-memory store that fails every call while {@code down}. */
    private static final class FakeStore implements DurableStore {
        final Map<String, String> values = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public Optional<String> get(String key) {
            check();
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            check();
            values.put(key, value);
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            check();
            return values.putIfAbsent(key, value) == null;
        }

        @Override
        public String location() {
            return "memory";
        }

        private void check() {
            if (down) {
                throw new DurableStoreException("store down", null);
            }
        }
    }

    /** Records publications and hands events to the subscriber on the test's thread. */
    private static final class FakeEvents implements ClusterEvents, ClusterState {
        final List<byte[]> published = new CopyOnWriteArrayList<>();
        final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();

        void deliver(ClusterEvent event) {
            listeners.forEach(l -> l.accept(event));
        }

        @Override
        public CompletableFuture<String> publish(String channel, byte[] payload) {
            published.add(payload);
            return CompletableFuture.completedFuture("0-" + published.size());
        }

        @Override
        public AutoCloseable subscribe(String channel, Start start, Consumer<ClusterEvent> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public String engine() {
            return "test";
        }

        @Override
        public String nodeId() {
            return "this-node";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return "";
        }
    }
}
