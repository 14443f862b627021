package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code local} engine: a cluster of one, ordered in-process events, and a store of atomically written files. */
class LocalBackplaneTest {

    @TempDir
    Path temp;

    private LocalBackplane backplane(Path dataDir) {
        return new LocalBackplane("solo", Clock.systemUTC(), new LocalFileStore(dataDir), ClusterMetrics.NONE);
    }

    @Test
    void state_whenLocal_thenAlwaysAvailableAndAloneInTheCluster() {
        try (LocalBackplane local = backplane(temp)) {
            local.start();
            assertThat(local.available()).isTrue();
            assertThat(local.unavailableReason()).isEmpty();
            assertThat(local.engine()).isEqualTo("local");
            assertThat(local.nodes()).extracting(ClusterNode::id, ClusterNode::self).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("solo", true));
        }
    }

    @Test
    void events_whenPublishedFromManyThreads_thenEverySubscriberSeesOneOrderOfIncreasingIds() {
        try (LocalBackplane local = backplane(temp)) {
            List<ClusterEvent> first = new CopyOnWriteArrayList<>();
            List<ClusterEvent> second = new CopyOnWriteArrayList<>();
            local.subscribe("roster", ClusterEvents.Start.LATEST, first::add);
            local.subscribe("roster", ClusterEvents.Start.EARLIEST, second::add);
            local.subscribe("other", ClusterEvents.Start.LATEST, e -> {
                throw new AssertionError("wrong channel");
            });

            IntStream.range(0, 4).parallel().forEach(t -> {
                for (int i = 0; i < 250; i++) {
                    local.publish("roster", ("t" + t + "-" + i).getBytes(StandardCharsets.UTF_8)).join();
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 1000 && second.size() == 1000);
            assertThat(first).extracting(ClusterEvent::id).isEqualTo(second.stream().map(ClusterEvent::id).toList());
            assertThat(first).extracting(e -> Long.parseLong(e.id().substring(2))).isSorted();
            assertThat(first).allSatisfy(e -> assertThat(e.origin()).isEqualTo("solo"));
        }
    }

    @Test
    void events_whenAListenerThrows_thenOthersStillReceive() {
        try (LocalBackplane local = backplane(temp); CapturedLogs logs = CapturedLogs.start()) {
            List<ClusterEvent> seen = new CopyOnWriteArrayList<>();
            local.subscribe("roster", ClusterEvents.Start.LATEST, e -> {
                throw new IllegalStateException("listener bug");
            });
            local.subscribe("roster", ClusterEvents.Start.LATEST, seen::add);
            local.publish("roster", new byte[] {1}).join();
            local.publish("roster", new byte[] {2}).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            assertThat(logs.containing("listener bug")).hasSize(2);
        }
    }

    @Test
    void publish_whenClosed_thenFails() {
        LocalBackplane local = backplane(temp);
        local.close();
        assertThat(local.publish("roster", new byte[] {1})).isCompletedExceptionally();
        assertThatThrownBy(() -> local.publish("bad name", new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void store_whenWritten_thenReadBackFromAFileReplacedWhole() throws Exception {
        Path dir = temp.resolve("data/nested");
        LocalFileStore store = new LocalFileStore(dir);

        assertThat(store.get("sea-operator-state")).isEmpty();
        store.put("sea-operator-state", "{\"v\":1}");
        store.put("sea-operator-state", "{\"v\":2}");

        assertThat(Files.readString(dir.resolve("sea-operator-state.json"))).isEqualTo("{\"v\":2}");
        assertThat(new LocalFileStore(dir).get("sea-operator-state")).contains("{\"v\":2}");
        assertThat(store.putIfAbsent("sea-operator-state", "x")).isFalse();
        assertThat(store.putIfAbsent("other", "y")).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            // no temporary file is left behind
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "sea-operator-state.json", "other.json");
        }
        assertThatThrownBy(() -> store.put("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void start_whenDataDirCannotBeCreated_thenOneWarnAndTheEngineRuns() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        Path dataDir = file.resolve("data");
        try (CapturedLogs logs = CapturedLogs.start(); LocalBackplane local = backplane(dataDir)) {
            local.start();
            assertThatThrownBy(() -> local.store().put("sea-operator-state", "{}"))
                    .isInstanceOf(DurableStoreException.class).hasMessageContaining(dataDir.toString());
            assertThatThrownBy(() -> local.store().put("sea-operator-state", "{}"))
                    .isInstanceOf(DurableStoreException.class);

            assertThat(local.available()).isTrue();
            assertThat(logs.lines()).hasSize(1);
            assertThat(logs.lines().get(0).level().toString()).isEqualTo("WARN");
            assertThat(logs.lines().get(0).message()).contains(dataDir.toString())
                    .contains("switchboard.cluster.data-dir").contains("will not survive a restart");
            assertThat(logs.errors()).isEmpty();
        }
    }
}
