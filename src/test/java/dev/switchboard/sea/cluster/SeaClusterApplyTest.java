package dev.switchboard.sea.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Chat;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.PrintersJoin;
import dev.switchboard.sea.message.Rename;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.ConnectionClass;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaLinkOutbound;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaRosterEvent;
import dev.switchboard.sea.service.SeaRosterLog;
import dev.switchboard.sea.service.SeaRosterState;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.SeaUser;
import dev.switchboard.sea.service.UserIdAllocator;
import dev.switchboard.sea.support.FakeSeaLink;
import dev.switchboard.support.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SeaService} as a replicated state machine, without Redis: two (then three) services that apply one shared
 * log in its order end every step with byte-identical snapshots, each delivers to its own sessions only, an event
 * is applied when it comes back from the log (never at submit), and a node that joins from a snapshot continues in
 * step. Each node has its own clock, set apart, to prove applying takes its times from the events.
 */
class SeaClusterApplyTest {

    /** The shared log: events in submit order, applied to every node by {@link #pump()}. */
    private final Deque<SeaRosterEvent> log = new ArrayDeque<>();
    private final List<SeaService> nodes = new ArrayList<>();
    private final SeaRosterLog shared = new SeaRosterLog() {
        @Override
        public boolean replicated() {
            return true;
        }

        @Override
        public void submit(SeaService service, SeaRosterEvent event) {
            // through the bytes, as on Redis
            log.add(SeaRosterCodec.decode(SeaRosterCodec.encode(event)));
        }
    };

    private final SeaService a = node("a", 1, Instant.parse("2026-12-06T10:00:00Z"));
    private final SeaService b = node("b", 2, Instant.parse("2026-12-06T10:05:00Z"));

    private SeaService node(String id, long incarnation, Instant time) {
        SeaSettings settings = SeaSettings.defaults("");
        SeaService service = new SeaService(new MutableClock(time), new SeaLinkOutbound(), SeaMetrics.NOOP, settings,
                BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, Duration.ofSeconds(60)),
                new NameBlacklist(NameBlacklist.CaseFolding.ASCII, List.of("*evil*")),
                List.of(ConnectionClass.parse("192.0.2.0/24:30:5:100000")), Duration.ofSeconds(30), new UserIdAllocator(),
                SeaArchive.NONE, new SeaService.Cluster(shared, id, incarnation, Duration.ofSeconds(10)));
        service.restoreState(SeaRosterState.EMPTY);
        nodes.add(service);
        return service;
    }

    /** Applies the log's events to every node in order (what every node's reader does), checking they agree. */
    private void pump() {
        while (!log.isEmpty()) {
            SeaRosterEvent event = log.poll();
            for (SeaService node : nodes) {
                node.apply(event);
            }
            assertSameState();
        }
    }

    private void assertSameState() {
        byte[] first = SeaRosterCodec.encode(nodes.get(0).snapshotState());
        for (SeaService node : nodes) {
            assertThat(SeaRosterCodec.encode(node.snapshotState())).isEqualTo(first);
        }
    }

    private static FakeSeaLink link(SeaUser user) {
        return (FakeSeaLink) user.link();
    }

    private SeaUser login(SeaService node, String name, String ip) throws Exception {
        SeaUser user = node.accept(new FakeSeaLink(), InetAddress.getByName(ip), 4000);
        assertThat(user.state()).isEqualTo(SeaUser.State.RESERVING);
        assertThat(link(user).reading).isFalse();
        pump();
        assertThat(link(user).reading).isTrue();
        command(node, user, new Login(SeaBytes.latin1(name), SeaBytes.latin1("PC")));
        // not applied at submit: only when it comes back
        assertThat(user.loggedIn()).isFalse();
        command(node, user, new SetUserInfo(1, SeaBytes.latin1("312-a"), SeaBytes.EMPTY, (byte) 102));
        pump();
        assertThat(user.loggedIn()).isTrue();
        return user;
    }

    private static void command(SeaService node, SeaUser user, SeaCommand command) {
        node.handle(user, SeaRequest.exact(8, command));
    }

    private static List<SeaServerMessage> received(SeaUser user) {
        return link(user).delivered;
    }

    @Test
    void twoNodes_whenFedOneLog_thenIdenticalStateAndEachDeliversToItsOwnSessionsOnly() throws Exception {
        SeaUser alice = login(a, "Alice", "192.0.2.1");
        SeaUser bob = login(b, "Bob", "192.0.2.2");
        assertThat(alice.id()).isNotEqualTo(bob.id());
        // node b's copy of Alice delivers nothing; Bob's USERLIST lists both, Alice got ADDUSER from node a
        SeaServerMessage.UserList list = (SeaServerMessage.UserList) received(bob).get(0);
        assertThat(list.users()).extracting(SeaServerMessage.UserEntry::id).containsExactly(bob.id(), alice.id());
        assertThat(received(alice)).contains(new SeaServerMessage.AddUser(bob.id(), SeaBytes.latin1("Bob"),
                SeaBytes.latin1("PC")));
        assertThat(b.loggedIn(alice.id()).local()).isFalse();
        assertThat(b.loggedIn(alice.id()).node()).isEqualTo("a");

        received(alice).clear();
        received(bob).clear();
        command(a, alice, new SendMessage(0, 0, SeaBytes.latin1("hello all"), SeaBytes.EMPTY));
        command(b, bob, new SendMessage(alice.id(), 0, SeaBytes.latin1("psst"), SeaBytes.EMPTY));
        command(b, bob, new PrintersJoin());
        command(a, alice, new SendMessage(0xFFFF, 0, SeaBytes.latin1("to printers"), SeaBytes.EMPTY));
        command(a, alice, new Away());
        command(b, bob, new Rename(SeaBytes.latin1("Robert")));
        command(a, alice, new Chat(bob.id(), SeaBytes.latin1("chat")));
        assertThat(received(alice)).isEmpty();
        assertThat(received(bob)).isEmpty();
        pump();
        assertThat(received(bob)).containsExactly(
                new SeaServerMessage.Message(alice.id(), false, false, 0, SeaBytes.latin1("hello all"), SeaBytes.EMPTY),
                new SeaServerMessage.Message(alice.id(), true, true, 0, SeaBytes.latin1("to printers"), SeaBytes.EMPTY),
                new SeaServerMessage.Away(alice.id()),
                new SeaServerMessage.Rename(bob.id(), SeaBytes.latin1("Robert")),
                new SeaServerMessage.Chat(alice.id(), SeaBytes.latin1("chat")));
        assertThat(received(alice)).containsExactly(
                new SeaServerMessage.Message(alice.id(), false, false, 0, SeaBytes.latin1("hello all"), SeaBytes.EMPTY),
                new SeaServerMessage.Message(bob.id(), true, false, 0, SeaBytes.latin1("psst"), SeaBytes.EMPTY),
                new SeaServerMessage.Away(alice.id()),
                new SeaServerMessage.Rename(bob.id(), SeaBytes.latin1("Robert")));

        // MUTE reaches its target on the other node; ALT_SERVER from one node's operator reaches every node's users
        received(alice).clear();
        received(bob).clear();
        command(b, bob, new dev.switchboard.sea.message.Mute(alice.id()));
        SeaBytes altServer = SeaBytes.of(new byte[] {10, 0, 0, 2});
        assertThat(a.broadcastAltServer(altServer)).isEqualTo(2);
        pump();
        assertThat(received(alice)).containsExactly(new SeaServerMessage.Mute(bob.id()),
                new SeaServerMessage.AltServer(altServer));
        assertThat(received(bob)).containsExactly(new SeaServerMessage.AltServer(altServer));

        // a node that joins now restores a snapshot and continues in step
        SeaService c = node("c", 3, Instant.parse("2026-12-06T11:00:00Z"));
        c.restoreState(a.snapshotState());
        assertSameState();
        SeaUser carol = login(c, "Carol", "192.0.2.3");
        SeaServerMessage.UserList carolList = (SeaServerMessage.UserList) received(carol).get(0);
        assertThat(carolList.users()).extracting(SeaServerMessage.UserEntry::id)
                .containsExactly(carol.id(), bob.id(), alice.id());
        // the away replay of §5.5 comes from the replicated state: Alice is away on node c too
        assertThat(received(carol)).contains(new SeaServerMessage.Away(alice.id()));

        // an operator on node a kills Bob (node b's): node b closes the connection, everyone gets DELETEUSER
        received(alice).clear();
        a.kill(a.loggedIn(bob.id()), SeaCloseReason.ADMIN, "killed by an operator");
        assertThat(link(bob).closed).isFalse();
        pump();
        assertThat(link(bob).closed).isTrue();
        assertThat(link(bob).closeReason).isEqualTo(SeaCloseReason.ADMIN);
        assertThat(received(alice)).containsExactly(new SeaServerMessage.DeleteUser(bob.id()));
        assertThat(received(carol)).endsWith(new SeaServerMessage.DeleteUser(bob.id()));
        // the closed connection's own disconnect changes nothing more
        b.disconnected(bob);
        pump();
    }

    @Test
    void nodeGone_whenAnotherNodeLeaves_thenItsSessionsEndEverywhereAndItsOwnConnectionsClose() throws Exception {
        SeaUser alice = login(a, "Alice", "192.0.2.1");
        SeaUser bob = login(b, "Bob", "192.0.2.2");
        SeaUser pendingOnB = b.accept(new FakeSeaLink(), InetAddress.getByName("192.0.2.9"), 4001);
        pump();
        received(alice).clear();
        // every survivor submits it; applying it twice changes nothing
        a.nodeLeft("b");
        a.nodeLeft("b");
        pump();
        assertThat(received(alice)).containsExactly(new SeaServerMessage.DeleteUser(bob.id()));
        assertThat(a.sessions()).extracting(SeaUser::id).containsExactly(alice.id());
        // node b (declared dead, but still running) closes its clients: the cluster no longer lists them
        assertThat(link(bob).closeReason).isEqualTo(SeaCloseReason.CLUSTER_LOST);
        assertThat(link(pendingOnB).closeReason).isEqualTo(SeaCloseReason.CLUSTER_LOST);
        // the IDs are free again, on every node alike
        SeaUser next = login(b, "Bobby", "192.0.2.2");
        assertThat(a.loggedIn(next.id()).node()).isEqualTo("b");
    }

    @Test
    void leave_whenLateForAReusedId_thenTheNewOwnerStays() throws Exception {
        SeaUser alice = login(a, "Alice", "192.0.2.1");
        b.disconnected(b.loggedIn(alice.id()));
        // a remote disconnect is not node b's to make: only the owner ends its own sessions
        a.disconnected(alice);
        a.disconnected(alice);
        pump();
        assertThat(a.sessions()).isEmpty();
        // an old Leave for that key arriving again (say a retry) finds nothing, whatever holds the ID now
        SeaUser bob = login(b, "Bob", "192.0.2.2");
        log.add(new SeaRosterEvent.Leave(alice.key()));
        pump();
        assertThat(a.loggedIn(bob.id())).isNotNull();
    }

    @Test
    void shutdown_whenOneNodeStops_thenItsSessionsLeaveAndTheOthersStay() throws Exception {
        SeaUser alice = login(a, "Alice", "192.0.2.1");
        SeaUser bob = login(b, "Bob", "192.0.2.2");
        received(alice).clear();
        b.shutdown();
        nodes.remove(b);
        pump();
        assertThat(link(bob).closeReason).isEqualTo(dev.switchboard.core.connection.CoreCloseReason.SHUTDOWN);
        assertThat(received(alice)).containsExactly(new SeaServerMessage.DeleteUser(bob.id()));
        assertThat(a.sessions()).extracting(SeaUser::id).containsExactly(alice.id());
        assertThat(link(alice).closed).isFalse();
    }

    @Test
    void restore_whenSnapshotDisagreesWithThisNode_thenReconciled() throws Exception {
        SeaUser alice = login(a, "Alice", "192.0.2.1");
        SeaUser bob = login(a, "Bob", "192.0.2.2");
        SeaRosterState withBob = a.snapshotState();
        // node a resynchronises from a snapshot that lists Bob but not Alice (as after the others dropped it)
        a.restoreState(new SeaRosterState(withBob.sessions().subList(0, 1), new int[] {bob.id()}, withBob.cursor()));
        assertThat(link(alice).closeReason).isEqualTo(SeaCloseReason.CLUSTER_LOST);
        assertThat(link(bob).closed).isFalse();
        assertThat(a.loggedIn(bob.id())).isSameAs(bob);
        // node a restarted (new incarnation) and joins from a snapshot that still lists its earlier sessions: it
        // alone can end them, so it submits their leaves
        SeaService a2 = new SeaService(new MutableClock(Instant.parse("2026-12-06T12:00:00Z")), new SeaLinkOutbound(),
                SeaMetrics.NOOP, SeaSettings.defaults(""), BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT,
                Duration.ofSeconds(60)), new NameBlacklist(NameBlacklist.CaseFolding.ASCII, List.of()), List.of(),
                Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE,
                new SeaService.Cluster(shared, "a", 99, Duration.ofSeconds(10)));
        log.clear();
        a2.restoreState(withBob);
        assertThat(log).containsExactlyInAnyOrder(new SeaRosterEvent.Leave(alice.key()),
                new SeaRosterEvent.Leave(bob.key()));
    }
}
