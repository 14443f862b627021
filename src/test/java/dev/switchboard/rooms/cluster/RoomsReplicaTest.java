package dev.switchboard.rooms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.cluster.ReplicatedLog;
import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;
import dev.switchboard.rooms.service.MemberView;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The replicated rooms state without a backplane: two nodes' replicas fed the same events in the same order hold
 * the same state (byte-identical snapshots) whichever node's sessions the events came from; each node delivers
 * only to its own sessions; a snapshot restores to the same state elsewhere; a node gone takes its members along.
 */
class RoomsReplicaTest {

    private static final long INCARNATION = 1_700_000_000_000L;
    private static final java.time.Duration RETENTION = java.time.Duration.ofMinutes(10);
    private static final java.util.Set<String> LIVE = java.util.Set.of("node-a", "node-b", "node-c");

    /** One node: its service, replica, own sessions, and what it submitted. */
    private static final class Node {
        final String id;
        final Rooms rooms;
        final RoomsReplica replica;
        final List<RoomsEvent> submitted = new ArrayList<>();
        private long sequence;

        Node(String id, long incarnation) {
            this.id = id;
            this.rooms = new Rooms(RoomsLimits.defaults(), id);
            this.replica = new RoomsReplica(rooms, id, incarnation, LIVE::contains, RETENTION);
            replica.attach(new ReplicatedLog() {
                @Override
                public CompletableFuture<String> submit(byte[] event) {
                    submitted.add(RoomsEventCodec.decode(event));
                    return CompletableFuture.completedFuture("0-" + submitted.size());
                }

                @Override
                public boolean synced() {
                    return true;
                }

                @Override
                public void close() {
                }
            });
            replica.restore(new byte[0]);
        }

        SessionKey newSession(ReplicaSession session) {
            SessionKey key = new SessionKey(id, INCARNATION, ++sequence);
            replica.register(key, session);
            return key;
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void applyEverywhere(List<Node> nodes, RoomsEvent event) {
        applyAt(nodes, 0, event);
    }

    /** Applies {@code event} on every node as Redis would hand it out at {@code millis} (its stream id's time). */
    private static void applyAt(List<Node> nodes, long millis, RoomsEvent event) {
        byte[] payload = RoomsEventCodec.encode(event);
        for (Node node : nodes) {
            node.replica.apply(new ClusterEvent("rooms", millis + "-0", "x", payload.clone()));
        }
    }

    @Test
    void apply_whenTwoNodesApplyTheSameEvents_thenIdenticalStateAndEachDeliversToItsOwn() {
        Node a = new Node("node-a", INCARNATION);
        Node b = new Node("node-b", INCARNATION);
        List<Node> both = List.of(a, b);
        ReplicaSession anna = new ReplicaSession();
        ReplicaSession ben = new ReplicaSession();
        ReplicaSession bob = new ReplicaSession();
        SessionKey annaKey = a.newSession(anna);
        SessionKey benKey = b.newSession(ben);
        SessionKey bobKey = b.newSession(bob);

        applyEverywhere(both, new ClaimNick(annaKey, 1, b("anna"), 0));
        applyEverywhere(both, new ClaimNick(benKey, 1, b("ben"), 0));
        applyEverywhere(both, new ClaimNick(bobKey, 1, b("anna"), 0)); // loses the race for "anna"
        applyEverywhere(both, new Join(annaKey, 2, b("lobby")));
        applyEverywhere(both, new Join(benKey, 2, b("lobby")));
        applyEverywhere(both, new Say(benKey, b("hi anna")));
        applyEverywhere(both, new Say(annaKey, b("hi ben")));
        applyEverywhere(both, new Notice(b("lobby"), b("* maintenance at noon")));

        assertThat(a.replica.snapshot()).isEqualTo(b.replica.snapshot());
        assertThat(a.rooms.members("lobby").orElseThrow()).containsExactly(
                new MemberView(0x1000, "anna", "node-a"), new MemberView(0x1001, "ben", "node-b"));
        assertThat(b.rooms.members("lobby").orElseThrow()).isEqualTo(a.rooms.members("lobby").orElseThrow());
        assertThat(bob.received).containsExactly("nick 1 TAKEN");
        assertThat(anna.received).containsExactly("nick 1 ACCEPTED",
                "RESP_OK 0 ", "NEW_USER 1000 anna", "join 2 JOINED",
                "NEW_USER 1001 ben", "NEW_MSG 1001 hi anna", "NEW_MSG 1000 hi ben",
                "LOGGED_MSG 0 * maintenance at noon");
        // the joiner's roster: itself first, then the others; the history of the other node's messages
        assertThat(ben.received).containsExactly("nick 1 ACCEPTED",
                "RESP_OK 0 ", "NEW_USER 1001 ben", "NEW_USER 1000 anna", "join 2 JOINED",
                "NEW_MSG 1001 hi anna", "NEW_MSG 1000 hi ben", "LOGGED_MSG 0 * maintenance at noon");

        // a third node restored from the snapshot holds the same state and delivers to none of these
        Node c = new Node("node-c", INCARNATION);
        c.replica.restore(a.replica.snapshot());
        assertThat(c.replica.snapshot()).isEqualTo(a.replica.snapshot());
        List<Node> all = List.of(a, b, c);
        ReplicaSession cleo = new ReplicaSession();
        SessionKey cleoKey = c.newSession(cleo);
        applyEverywhere(all, new ClaimNick(cleoKey, 7, b("cleo"), 0));
        applyEverywhere(all, new Join(cleoKey, 8, b("lobby")));
        assertThat(cleo.received).containsExactly("nick 7 ACCEPTED", "RESP_OK 0 ", "NEW_USER 1003 cleo",
                "NEW_USER 1001 ben", "NEW_USER 1000 anna", "LOGGED_MSG 0 ben: hi anna",
                "LOGGED_MSG 0 anna: hi ben", "LOGGED_MSG 0 * maintenance at noon", "join 8 JOINED");

        // node-b is gone: its members leave everywhere, in member id order, and the rest agree
        anna.received.clear();
        applyEverywhere(all, new NodeGone("node-b", 0));
        applyEverywhere(all, new NodeGone("node-b", 0));
        assertThat(anna.received).containsExactly("DEL_USER 1001 ben");
        assertThat(ben.ended).isEqualTo("RESTART");
        assertThat(a.replica.snapshot()).isEqualTo(b.replica.snapshot()).isEqualTo(c.replica.snapshot());
        assertThat(a.rooms.members("lobby").orElseThrow()).extracting(MemberView::nick).containsExactly("anna", "cleo");

        // a kick reaches the member's own node; the others only drop it from the roster
        applyEverywhere(all, new Kick(b("lobby"), 0x1003));
        assertThat(cleo.ended).isEqualTo("kicked");
        assertThat(anna.received).endsWith("DEL_USER 1003 cleo");
        applyEverywhere(all, new Leave(cleoKey));
        applyEverywhere(all, new Leave(annaKey));
        assertThat(a.rooms.roomCount()).isZero();
        assertThat(a.replica.snapshot()).isEqualTo(b.replica.snapshot()).isEqualTo(c.replica.snapshot());
    }

    @Test
    void restore_whenTheSnapshotHoldsMembersOfAPreviousProcessOfThisNode_thenTheyAreMadeToLeave() {
        Node before = new Node("node-a", INCARNATION);
        ReplicaSession old = new ReplicaSession();
        SessionKey oldKey = before.newSession(old);
        before.replica.apply(new ClusterEvent("rooms", "0-1", "node-a",
                RoomsEventCodec.encode(new ClaimNick(oldKey, 1, b("ghost"), 0))));
        byte[] snapshot = before.replica.snapshot();

        Node restarted = new Node("node-a", INCARNATION + 60_000);
        restarted.replica.restore(snapshot);

        assertThat(restarted.rooms.hasNick(0x1000)).isTrue();
        assertThat(restarted.submitted).containsExactly(new NodeGone("node-a", INCARNATION + 60_000));
    }

    @Test
    void restore_whenTheSnapshotHoldsAMemberOfThisProcessWhoseSessionEnded_thenItIsMadeToLeave() {
        Node a = new Node("node-a", INCARNATION);
        ReplicaSession anna = new ReplicaSession();
        SessionKey annaKey = a.newSession(anna);
        a.replica.apply(new ClusterEvent("rooms", "0-1", "node-a",
                RoomsEventCodec.encode(new ClaimNick(annaKey, 1, b("anna"), 0))));
        byte[] snapshot = a.replica.snapshot();
        a.replica.unregister(annaKey); // its connection ended while its leave could not be submitted

        a.replica.restore(snapshot);

        assertThat(a.submitted).containsExactly(new Leave(annaKey));
    }

    @Test
    void restore_whenThisNodesLiveMemberIsMissing_thenItsConnectionIsClosedForReconnect() {
        Node a = new Node("node-a", INCARNATION);
        ReplicaSession anna = new ReplicaSession();
        SessionKey annaKey = a.newSession(anna);
        a.replica.apply(new ClusterEvent("rooms", "0-1", "node-a",
                RoomsEventCodec.encode(new ClaimNick(annaKey, 1, b("anna"), 0))));

        a.replica.restore(new byte[0]);

        assertThat(anna.ended).isEqualTo("RESTART");
        assertThat(a.rooms.userCount()).isZero();
    }

    @Test
    void restore_whenThisNodesMemberStaysInItsRoom_thenItIsToldWhoLeftAndJoinedMeanwhile() {
        Node a = new Node("node-a", INCARNATION);
        Node b = new Node("node-b", INCARNATION);
        ReplicaSession anna = new ReplicaSession();
        ReplicaSession ben = new ReplicaSession();
        ReplicaSession cleo = new ReplicaSession();
        SessionKey annaKey = a.newSession(anna);
        SessionKey benKey = b.newSession(ben);
        SessionKey cleoKey = b.newSession(cleo);
        List<Node> both = List.of(a, b);
        applyEverywhere(both, new ClaimNick(annaKey, 1, b("anna"), 0));
        applyEverywhere(both, new ClaimNick(benKey, 1, b("ben"), 0));
        applyEverywhere(both, new Join(annaKey, 2, b("lobby")));
        applyEverywhere(both, new Join(benKey, 2, b("lobby")));
        // node-a misses these (it was away), node-b applies them
        List<Node> onlyB = List.of(b);
        applyEverywhere(onlyB, new Leave(benKey));
        applyEverywhere(onlyB, new ClaimNick(cleoKey, 1, b("cleo"), 0));
        applyEverywhere(onlyB, new Join(cleoKey, 2, b("lobby")));
        applyEverywhere(onlyB, new Say(cleoKey, b("where is ben?")));
        anna.received.clear();

        a.replica.restore(b.replica.snapshot());

        assertThat(anna.ended).isNull();
        assertThat(anna.received).containsExactly("DEL_USER 1001 ben", "NEW_USER 1002 cleo");
        assertThat(a.replica.snapshot()).isEqualTo(b.replica.snapshot());
        // and it goes on from the restored state
        applyEverywhere(both, new Say(annaKey, b("gone")));
        assertThat(anna.received).endsWith("NEW_MSG 1000 gone");
        assertThat(cleo.received).endsWith("NEW_MSG 1000 gone");
    }

    @Test
    void nodeGone_whenItEmptiesARoom_thenTheRoomKeepsItsHistoryForTheRetentionThenEnds() {
        Node a = new Node("node-a", INCARNATION);
        Node b = new Node("node-b", INCARNATION);
        List<Node> both = List.of(a, b);
        ReplicaSession ben = new ReplicaSession();
        SessionKey benKey = b.newSession(ben);
        applyAt(both, 1_000, new ClaimNick(benKey, 1, b("ben"), 0));
        applyAt(both, 1_000, new Join(benKey, 2, b("lobby")));
        applyAt(both, 1_000, new Say(benKey, b("remember me")));

        applyAt(both, 5_000, new NodeGone("node-b", 0));

        assertThat(a.rooms.rooms()).extracting(v -> v.name() + " " + v.members() + " " + v.historyLines())
                .containsExactly("lobby 0 1");
        ReplicaSession anna = new ReplicaSession();
        SessionKey annaKey = a.newSession(anna);
        applyAt(both, 6_000, new ClaimNick(annaKey, 1, b("anna"), 0));
        applyAt(both, 6_000, new Join(annaKey, 2, b("lobby")));
        assertThat(anna.received).containsExactly("nick 1 ACCEPTED", "RESP_OK 0 ", "NEW_USER 1001 anna",
                "LOGGED_MSG 0 ben: remember me", "join 2 JOINED");
        // a member's own leave ends the room as on one node
        applyAt(both, 7_000, new Leave(annaKey));
        assertThat(a.rooms.roomCount()).isZero();

        // a dormant room nobody comes back to ends once the retention has passed by the cluster's clock
        ReplicaSession cleo = new ReplicaSession();
        SessionKey cleoKey = b.newSession(cleo);
        applyAt(both, 10_000, new ClaimNick(cleoKey, 1, b("cleo"), 0));
        applyAt(both, 10_000, new Join(cleoKey, 2, b("attic")));
        applyAt(both, 20_000, new NodeGone("node-b", 0));
        applyAt(both, 20_000 + RETENTION.toMillis() - 1, new Leave(new SessionKey("node-z", 1, 1)));
        assertThat(a.rooms.roomCount()).isEqualTo(1);
        applyAt(both, 20_000 + RETENTION.toMillis(), new Leave(new SessionKey("node-z", 1, 1)));
        assertThat(a.rooms.roomCount()).isZero();
        assertThat(a.replica.snapshot()).isEqualTo(b.replica.snapshot());
    }

    @Test
    void restore_whenTheSnapshotHoldsMembersOfANodeThatIsNoLongerLive_thenThatNodeIsDeclaredGone() {
        Node dead = new Node("node-x", INCARNATION);
        ReplicaSession xena = new ReplicaSession();
        dead.replica.apply(new ClusterEvent("rooms", "1-0", "node-x",
                RoomsEventCodec.encode(new ClaimNick(dead.newSession(xena), 1, b("xena"), 0))));

        Node a = new Node("node-a", INCARNATION);
        a.replica.restore(dead.replica.snapshot());

        assertThat(a.submitted).containsExactly(new NodeGone("node-x", 0));
    }

    @Test
    void apply_whenTheEventIsNotOneOfThisVersion_thenSkippedAndTheStateUnchanged() {
        Node a = new Node("node-a", INCARNATION);
        byte[] before = a.replica.snapshot();
        a.replica.apply(new ClusterEvent("rooms", "0-1", "node-z", new byte[] {9, 9, 9}));
        a.replica.apply(new ClusterEvent("rooms", "0-2", "node-z", new byte[] {1, 1, 0, 0, 0, 99}));
        assertThat(a.replica.snapshot()).isEqualTo(before);
    }
}
