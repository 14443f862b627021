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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replicated channels on a real redis-server: a node that joins later, or a cluster restarted as a whole,
 * starts from the stored snapshot plus the events after it; a node the others dropped resynchronises; a
 * stream that lost the events after the snapshot is waited on, then accepted with one WARN.
 */
@Timeout(60)
class RedisReplicatedLogTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RedisServer redis;
    private final List<AutoCloseable> started = new ArrayList<>();

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
    void closeNodes() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
        redis.command("FLUSHALL");
    }

    /** A list of texts: apply appends, the snapshot is the list. Touched only on its own thread. */
    private static final class TextList implements ReplicatedState {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger restores = new AtomicInteger();

        @Override
        public void apply(ClusterEvent event) {
            texts.add(new String(event.payload(), StandardCharsets.UTF_8));
        }

        @Override
        public byte[] snapshot() {
            return String.join("\n", texts).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] snapshot) {
            restores.incrementAndGet();
            texts.clear();
            if (snapshot.length > 0) {
                texts.addAll(List.of(new String(snapshot, StandardCharsets.UTF_8).split("\n")));
            }
        }
    }

    private record Node(RedisBackplane backplane, ReplicatedLog log, TextList state, List<Long> lags) {
        void submit(String text) {
            log.submit(text.getBytes(StandardCharsets.UTF_8)).join();
        }
    }

    private Node node(String id) {
        ClusterProperties properties = new ClusterProperties(ClusterProperties.Engine.REDIS, id, HEARTBEAT,
                Duration.ofSeconds(1), Path.of("unused"), new ClusterProperties.Redis(redis.url(), "",
                Duration.ofSeconds(1), Duration.ofSeconds(1), "test", 1000));
        List<Long> lags = new CopyOnWriteArrayList<>();
        ClusterMetrics metrics = new ClusterMetrics() {
            @Override
            public void published(boolean ok) {
            }

            @Override
            public void received(int events) {
            }

            @Override
            public void nodeLeft(NodeLeftEvent.Reason reason) {
            }

            @Override
            public void applied(String channel, long lagMillis) {
                lags.add(lagMillis);
            }
        };
        RedisBackplane backplane = new RedisBackplane(id, properties, Clock.systemUTC(), metrics, event -> { });
        ExecutorService owner = Executors.newSingleThreadExecutor();
        started.add(owner::shutdownNow);
        started.add(backplane);
        backplane.start();
        TextList state = new TextList();
        ReplicatedLog log = backplane.replicate("texts", owner, state);
        started.add(log);
        await().atMost(WAIT).until(log::synced);
        return new Node(backplane, log, state, lags);
    }

    private static void awaitSnapshotCovering(int events) {
        await().atMost(WAIT).until(() -> storedSnapshotSize() >= events);
    }

    /** How many texts the stored snapshot holds, from the raw reply {@code $<length>\r\n<data>\r\n}. */
    private static int storedSnapshotSize() {
        String reply = redis.command("HGET", "test:snapshot:texts", "data");
        if (reply.startsWith("$-1")) {
            return 0;
        }
        String data = reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
        return data.isEmpty() ? 0 : data.split("\n").length;
    }

    @Test
    void join_whenANodeJoinsLater_thenItStartsFromTheSnapshotAndTheEventsAfterIt() {
        Node a = node("node-a");
        for (int i = 1; i <= 5; i++) {
            a.submit("a" + i);
        }
        await().atMost(WAIT).until(() -> a.state.texts.size() == 5);
        awaitSnapshotCovering(5);
        a.submit("a6");

        Node b = node("node-b");

        await().atMost(WAIT).until(() -> b.state.texts.size() == 6);
        assertThat(b.state.texts).containsExactly("a1", "a2", "a3", "a4", "a5", "a6");
        b.submit("b1");
        a.submit("a7");
        await().atMost(WAIT).until(() -> a.state.texts.size() == 8 && b.state.texts.size() == 8);
        assertThat(b.state.texts).isEqualTo(a.state.texts);
        assertThat(a.lags).isNotEmpty().allMatch(lag -> lag >= 0);
    }

    @Test
    void join_whenEveryNodeRestarts_thenTheStateComesBackFromRedis() throws Exception {
        Node a = node("node-a");
        a.submit("kept-1");
        a.submit("kept-2");
        awaitSnapshotCovering(2);
        a.log.close();
        a.backplane.close();

        Node again = node("node-a");

        await().atMost(WAIT).until(() -> again.state.texts.size() == 2);
        assertThat(again.state.texts).containsExactly("kept-1", "kept-2");
    }

    @Test
    void join_whenNothingWasSnapshotYet_thenEveryEventOfTheStreamIsApplied() {
        redis.command("XADD", "test:events:texts", "*", "node", "gone", "data", "early");

        Node a = node("node-a");

        await().atMost(WAIT).until(() -> a.state.texts.size() == 1);
        assertThat(a.state.texts).containsExactly("early");
    }

    @Test
    void resync_whenTheOthersDroppedThisNode_thenItRestoresTheClustersState() {
        Node a = node("node-a");
        Node b = node("node-b");
        a.submit("one");
        await().atMost(WAIT).until(() -> b.state.texts.size() == 1);
        awaitSnapshotCovering(1);

        // what the others do to a node whose heartbeats stopped reaching Redis
        redis.command("DEL", "test:node:node-b");
        redis.command("ZREM", "test:nodes", "node-b");

        await().atMost(WAIT).until(() -> b.state.restores.get() == 2);
        await().atMost(WAIT).until(b.log::synced);
        a.submit("two");
        await().atMost(WAIT).until(() -> b.state.texts.size() == 2);
        assertThat(b.state.texts).containsExactly("one", "two");
    }

    @Test
    void join_whenTheEventsAfterTheSnapshotWereTrimmed_thenItWaitsThenStartsWithOneWarn() {
        redis.command("XADD", "test:events:texts", "*", "node", "gone", "data", "lost");
        redis.command("XTRIM", "test:events:texts", "MAXLEN", "0");

        try (CapturedLogs logs = CapturedLogs.start()) {
            Node a = node("node-a");
            a.submit("after");
            await().atMost(WAIT).until(() -> a.state.texts.size() == 1);

            assertThat(a.state.texts).containsExactly("after");
            assertThat(logs.containing("are gone and no newer snapshot came")).hasSize(1);
            assertThat(logs.errors()).isEmpty();
        }
    }
}
