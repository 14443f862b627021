package dev.switchboard.rooms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of rooms events, applied in the same order by replicas of different nodes (each with its own
 * sessions, so each delivers to different members), leaves them with byte-identical snapshots; and a replica
 * restored from a snapshot taken midway, then fed the rest, ends the same as well.
 */
class RoomsReplicaDeterminismTest {

    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final RoomsLimits LIMITS = new RoomsLimits(32, 64, 200, 5, 120, 3, 3);

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<List<RoomsEvent>> histories() {
        Arbitrary<SessionKey> key = Combinators.combine(Arbitraries.of(NODES), Arbitraries.longs().between(1, 2),
                Arbitraries.longs().between(1, 6)).as(SessionKey::new);
        Arbitrary<byte[]> nick = Arbitraries.of("ann", "ben", "cy", "", "x\u0007").map(RoomsReplicaDeterminismTest::b);
        Arbitrary<byte[]> room = Arbitraries.of("lobby", "attic", "den", "cellar").map(RoomsReplicaDeterminismTest::b);
        Arbitrary<byte[]> text = Arbitraries.strings().alpha().ofMaxLength(60).map(RoomsReplicaDeterminismTest::b);
        Arbitrary<RoomsEvent> event = Arbitraries.frequencyOf(
                // a session's flags are its own; the intake copies them into its claim
                net.jqwik.api.Tuple.of(4, Combinators.combine(key, Arbitraries.integers().between(1, 9), nick)
                        .as((k, uid, n) -> new ClaimNick(k, uid, n, flagsOf(k)))),
                net.jqwik.api.Tuple.of(4, Combinators.combine(key, Arbitraries.integers().between(1, 9), room)
                        .as(Join::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(key, text).as(Say::new)),
                net.jqwik.api.Tuple.of(2, key.map(Leave::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(room, Arbitraries.integers().between(0x1000, 0x1010))
                        .as(Kick::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(room, text).as(Notice::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(NODES), Arbitraries.longs().between(0, 2))
                        .as(NodeGone::new)));
        return event.list().ofMaxSize(80);
    }

    private static int flagsOf(SessionKey key) {
        return (int) (key.sequence() % 2);
    }

    private static RoomsReplica replica(String node) {
        RoomsReplica replica = new RoomsReplica(new Rooms(LIMITS, node), node, 1, Set.copyOf(NODES)::contains,
                Duration.ofMillis(500));
        replica.restore(new byte[0]);
        return replica;
    }

    private static void register(RoomsReplica replica, String node) {
        for (long incarnation = 1; incarnation <= 2; incarnation++) {
            for (long sequence = 1; sequence <= 6; sequence++) {
                SessionKey key = new SessionKey(node, incarnation, sequence);
                replica.register(key, new ReplicaSession(flagsOf(key)));
            }
        }
    }

    @Property(tries = 300)
    void apply_whenTheSameEventsInTheSameOrder_thenTheSameStateOnEveryNode(
            @ForAll("histories") List<RoomsEvent> history) {
        List<RoomsReplica> replicas = NODES.stream().map(node -> {
            RoomsReplica replica = replica(node);
            register(replica, node);
            return replica;
        }).toList();
        RoomsReplica late = replica("node-late");
        int half = history.size() / 2;
        for (int i = 0; i < history.size(); i++) {
            if (i == half) {
                late.restore(replicas.get(0).snapshot());
            }
            // 100 ms apart by the cluster's clock, so dormant rooms also come to their end
            ClusterEvent event = new ClusterEvent("rooms", (i * 100L) + "-0", "x",
                    RoomsEventCodec.encode(history.get(i)));
            replicas.forEach(r -> r.apply(event));
            if (i >= half) {
                late.apply(event);
            }
        }
        if (history.size() < 2) {
            late.restore(replicas.get(0).snapshot());
        }
        byte[] expected = replicas.get(0).snapshot();
        for (RoomsReplica replica : replicas) {
            assertThat(replica.snapshot()).isEqualTo(expected);
        }
        assertThat(late.snapshot()).isEqualTo(expected);
    }
}
