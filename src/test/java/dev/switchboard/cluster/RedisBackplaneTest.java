package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.CapturedLogs;
import dev.switchboard.support.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code redis} engine against a real redis-server: membership with heartbeats and node timeout,
 * one order of events on every node, the durable store, and the state following Redis going away and
 * coming back. Heartbeats every 100 ms with a 1 s node timeout keep it quick.
 */
@Timeout(60)
class RedisBackplaneTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

    private static RedisServer redis;
    private final List<RedisBackplane> started = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.startEphemeral();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeNodes() {
        started.forEach(RedisBackplane::close);
        if (!redis.isRunning()) {
            redis.start();
        }
        redis.command("FLUSHALL");
    }

    private RedisBackplane node(String id, List<Object> events, String url) {
        ClusterProperties properties = new ClusterProperties(ClusterProperties.Engine.REDIS, id, HEARTBEAT,
                NODE_TIMEOUT, Path.of("unused"), new ClusterProperties.Redis(url, "", Duration.ofSeconds(1),
                        Duration.ofSeconds(1), "test", 1000));
        RedisBackplane node = new RedisBackplane(id, properties, Clock.systemUTC(), ClusterMetrics.NONE, events::add);
        started.add(node);
        node.start();
        return node;
    }

    private RedisBackplane node(String id, List<Object> events) {
        return node(id, events, redis.url());
    }

    private static List<String> ids(RedisBackplane node) {
        return node.nodes().stream().map(ClusterNode::id).toList();
    }

    @Test
    void membership_whenTwoNodesShareRedis_thenEachListsBoth() {
        List<Object> eventsA = new CopyOnWriteArrayList<>();
        RedisBackplane a = node("node-a", eventsA);
        RedisBackplane b = node("node-b", new CopyOnWriteArrayList<>());

        assertThat(a.available()).isTrue();
        assertThat(a.unavailableReason()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids(a).equals(List.of("node-a", "node-b")));
        await().atMost(Duration.ofSeconds(10)).until(() -> ids(b).equals(List.of("node-a", "node-b")));
        assertThat(a.nodes()).filteredOn(ClusterNode::self).extracting(ClusterNode::id).containsExactly("node-a");
        assertThat(eventsA).anyMatch(e -> e instanceof NodeJoinedEvent joined
                && joined.node().id().equals("node-b") && !joined.node().self());
    }

    @Test
    void membership_whenANodeStopsHeartbeating_thenDeclaredDeadAfterTheNodeTimeout() {
        List<Object> events = new CopyOnWriteArrayList<>();
        RedisBackplane a = node("node-a", events);
        // what a node that was killed leaves behind: one heartbeat, then silence
        long now = System.currentTimeMillis();
        redis.command("SET", "test:node:ghost", Long.toString(now), "PX", Long.toString(NODE_TIMEOUT.toMillis()));
        redis.command("ZADD", "test:nodes", Long.toString(now), "ghost");

        await().atMost(Duration.ofSeconds(5)).until(() -> ids(a).contains("ghost"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ids(a).contains("ghost"));

        assertThat(events).contains(new NodeLeftEvent("ghost", NodeLeftEvent.Reason.TIMEOUT));
        assertThat(redis.command("ZSCORE", "test:nodes", "ghost")).startsWith("$-1");
        assertThat(ids(a)).containsExactly("node-a");
    }

    @Test
    void membership_whenANodeCloses_thenOthersSeeAGoodbye() {
        List<Object> events = new CopyOnWriteArrayList<>();
        RedisBackplane a = node("node-a", events);
        RedisBackplane b = node("node-b", new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(10)).until(() -> ids(a).contains("node-b"));

        b.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(
                new NodeLeftEvent("node-b", NodeLeftEvent.Reason.GOODBYE)));
        assertThat(ids(a)).containsExactly("node-a");
    }

    @Test
    void events_whenTwoNodesPublishAtOnce_thenBothReceiveEveryEventInOneOrder() {
        RedisBackplane a = node("node-a", new CopyOnWriteArrayList<>());
        RedisBackplane b = node("node-b", new CopyOnWriteArrayList<>());
        List<ClusterEvent> seenByA = new CopyOnWriteArrayList<>();
        List<ClusterEvent> seenByB = new CopyOnWriteArrayList<>();
        a.subscribe("roster", ClusterEvents.Start.EARLIEST, seenByA::add);
        b.subscribe("roster", ClusterEvents.Start.EARLIEST, seenByB::add);

        List<CompletableFuture<String>> published = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            published.add(a.publish("roster", ("a" + i).getBytes(StandardCharsets.UTF_8)));
            published.add(b.publish("roster", ("b" + i).getBytes(StandardCharsets.UTF_8)));
        }
        published.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(10)).until(() -> seenByA.size() == 200 && seenByB.size() == 200);
        List<String> orderA = seenByA.stream().map(e -> e.origin() + ":" + new String(e.payload(),
                StandardCharsets.UTF_8) + "@" + e.id()).toList();
        List<String> orderB = seenByB.stream().map(e -> e.origin() + ":" + new String(e.payload(),
                StandardCharsets.UTF_8) + "@" + e.id()).toList();
        assertThat(orderA).isEqualTo(orderB);
        // each node's own events keep the order it published them in
        assertThat(seenByA.stream().filter(e -> e.origin().equals("node-a")).map(e -> new String(e.payload(),
                StandardCharsets.UTF_8)).toList()).isEqualTo(java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> "a" + i).toList());
    }

    @Test
    void events_whenSubscribedAtLatest_thenOnlyLaterEventsArrive() {
        RedisBackplane a = node("node-a", new CopyOnWriteArrayList<>());
        a.publish("notices", "old".getBytes(StandardCharsets.UTF_8)).join();
        List<String> seen = new CopyOnWriteArrayList<>();
        a.subscribe("notices", ClusterEvents.Start.LATEST, e -> seen.add(new String(e.payload(), StandardCharsets.UTF_8)));
        // the reader resolves the start position on its next round; publish until the new one is seen
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a.publish("notices", "new".getBytes(StandardCharsets.UTF_8)).join();
            return seen.contains("new");
        });
        assertThat(seen).doesNotContain("old");
    }

    @Test
    void store_whenWrittenByOneNode_thenReadByAnother() {
        RedisBackplane a = node("node-a", new CopyOnWriteArrayList<>());
        RedisBackplane b = node("node-b", new CopyOnWriteArrayList<>());

        assertThat(b.store().get("bans")).isEmpty();
        a.store().put("bans", "{\"x\":1}");
        assertThat(b.store().get("bans")).contains("{\"x\":1}");
        assertThat(b.store().putIfAbsent("bans", "other")).isFalse();
        assertThat(b.store().putIfAbsent("fresh", "first")).isTrue();
        assertThat(a.store().get("fresh")).contains("first");
        assertThat(redis.command("GET", "test:state:bans")).contains("{\"x\":1}");
    }

    @Test
    void state_whenRedisStopsAndReturns_thenDownAtOnceWithTheReasonThenUpAgain() {
        List<Object> events = new CopyOnWriteArrayList<>();
        RedisBackplane a = node("node-a", events);
        assertThat(a.available()).isTrue();

        redis.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.available());
        assertThat(a.unavailableReason()).contains("127.0.0.1:" + redis.port());
        assertThat(events).anyMatch(e -> e instanceof BackplaneStateChangedEvent changed && !changed.available()
                && changed.reason().contains("127.0.0.1:" + redis.port()));
        assertThat(a.publish("roster", new byte[] {1})).isCompletedExceptionally();

        redis.start();
        await().atMost(Duration.ofSeconds(20)).until(a::available);
        assertThat(events).contains(new BackplaneStateChangedEvent(true, ""));
        // Redis restarted empty: the node finds itself gone, says so, and is back in the node list
        await().atMost(Duration.ofSeconds(10)).until(() -> ids(a).equals(List.of("node-a")));
        assertThat(events).contains(new NodeLeftEvent("node-a", NodeLeftEvent.Reason.TIMEOUT));
    }

    @Test
    void store_whenRedisKeepsAnAppendOnlyFile_thenValuesSurviveItsRestart() {
        RedisServer persistent = RedisServer.startPersistent();
        try {
            RedisBackplane a = node("node-a", new CopyOnWriteArrayList<>(), persistent.url());
            a.store().put("sea-operator-state", "{\"bans\":1}");

            persistent.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> !a.available());
            persistent.start();

            await().atMost(Duration.ofSeconds(20)).until(a::available);
            assertThat(a.store().get("sea-operator-state")).contains("{\"bans\":1}");
        } finally {
            persistent.close();
        }
    }

    @Test
    void start_whenRedisUnreachable_thenStartsUnavailableSayingWhyAndJoinsWhenItAppears() {
        RedisServer later = RedisServer.startEphemeral();
        try {
            later.stop();
            List<Object> events = new CopyOnWriteArrayList<>();
            RedisBackplane a;
            try (CapturedLogs logs = CapturedLogs.start()) {
                a = node("node-a", events, later.url());
                // several failed heartbeats: still the one WARN of this outage
                await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(500)).until(() -> true);
                assertThat(logs.lines()).hasSize(1);
                assertThat(logs.lines().get(0).message()).contains("Cluster backplane unavailable")
                        .contains("127.0.0.1:" + later.port());
            }

            assertThat(a.available()).isFalse();
            assertThat(a.unavailableReason()).contains("unreachable").contains("127.0.0.1:" + later.port());
            assertThat(a.publish("roster", new byte[] {1})).isCompletedExceptionally();

            later.start();
            await().atMost(Duration.ofSeconds(10)).until(a::available);
            assertThat(ids(a)).containsExactly("node-a");
        } finally {
            later.close();
        }
    }
}
