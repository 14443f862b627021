package dev.switchboard.sea.service;

import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.sea.support.FakeSeaLink;

import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Chat;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.Mute;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.PrintersJoin;
import dev.switchboard.sea.message.Rename;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.message.Unaway;
import dev.switchboard.sea.message.UserInfoRequest;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SeaService} with in-memory fakes for the connection and the outbound side (no Netty). */
class SeaServiceTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> archived = new ArrayList<>();
    private final SeaSettings settings = SeaSettings.defaults("http://example.org/archive/");
    private final BanList bans = BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, Duration.ofSeconds(60));
    private final NameBlacklist blacklist = new NameBlacklist(NameBlacklist.CaseFolding.ASCII, List.of("*evil*"));
    private final SeaService service = new SeaService(clock, (message, recipients) -> recipients
            .forEach(r -> sent.add(new Sent(r.id(), message))), SeaMetrics.NOOP, settings, bans, blacklist,
            List.of(ConnectionClass.parse("10.9.9.9:5:1:10")), Duration.ofSeconds(30), new UserIdAllocator(),
            (sender, dst, text, now) -> archived.add(sender.id() + ">" + dst + ":" + text.latin1()));

    private record Sent(int to, SeaServerMessage message) {
    }

    private static SeaBytes b(String s) {
        return SeaBytes.latin1(s);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private SeaUser accept(String ip) {
        return service.accept(new FakeSeaLink(), ip(ip), 1025);
    }

    private SeaUser login(String name, int version) {
        SeaUser u = accept("192.168.0.5");
        service.handle(u, SeaRequest.exact(3 + name.length() + 2, new Login(b(name), b("PC"))));
        if (version != 0) {
            cmd(u, new SetUserInfo(1, b("312-a"), SeaBytes.EMPTY, (byte) version), 9);
        }
        return u;
    }

    private void cmd(SeaUser u, SeaCommand command, int length) {
        service.handle(u, SeaRequest.exact(length, command));
    }

    private List<SeaServerMessage> to(SeaUser u) {
        return sent.stream().filter(s -> s.to() == u.id()).map(Sent::message).toList();
    }

    @Test
    void login_whenSecondUser_thenUserListSelfFirstAndAddUserToOthersOnly() {
        SeaUser alice = login("Alice", 0);
        SeaUser bob = login("Bob", 0);
        SeaServerMessage.UserList list = (SeaServerMessage.UserList) to(bob).get(0);
        assertThat(list.users()).extracting(SeaServerMessage.UserEntry::id).containsExactly(bob.id(), alice.id());
        assertThat(to(alice)).hasSize(2);
        assertThat(to(alice).get(1)).isInstanceOf(SeaServerMessage.AddUser.class);
        assertThat(((FakeSeaLink) bob.link()).loggedIn).isTrue();
    }

    @Test
    void handle_whenFirstFrameIsNotLogin_thenClosedAndNobodyNotified() {
        SeaUser alice = login("Alice", 0);
        sent.clear();
        SeaUser stranger = accept("10.0.0.1");
        cmd(stranger, new Ping(), 1);
        assertThat(((FakeSeaLink) stranger.link()).closed).isTrue();
        assertThat(sent).isEmpty();
        assertThat(alice.loggedIn()).isTrue();
    }

    @Test
    void kill_whenLoggedIn_thenDeleteUserToRemainingOnly() {
        SeaUser alice = login("Alice", 0);
        SeaUser bob = login("Bob", 0);
        sent.clear();
        service.handle(bob, SeaRequest.exact(0, new Malformed(Malformed.NO_CODE, "zero frame length")));
        assertThat(((FakeSeaLink) bob.link()).closed).isTrue();
        assertThat(sent).containsExactly(new Sent(alice.id(), new SeaServerMessage.DeleteUser(bob.id())));
        service.disconnected(bob);
        assertThat(sent).hasSize(1);
    }

    @Test
    void away_whenRecipientsOfMixedVersions_thenOnlyVersion96UpIncludingSender() {
        SeaUser old = login("Old", 95);
        SeaUser mid = login("Mid", 96);
        sent.clear();
        cmd(mid, new Away(), 1);
        assertThat(sent).containsExactly(new Sent(mid.id(), new SeaServerMessage.Away(mid.id())));
        assertThat(to(old)).isEmpty();
    }

    @Test
    void setUserInfo_whenOthersAway_thenReplayInRosterOrderExcludingSelf() {
        SeaUser a = login("A", 97);
        SeaUser b = login("B", 97);
        cmd(a, new Away(), 1);
        cmd(b, new Away(), 1);
        SeaUser c = login("C", 0);
        sent.clear();
        clock.advance(Duration.ofSeconds(10));
        cmd(c, new SetUserInfo(1, b("201-a"), SeaBytes.EMPTY, (byte) 98), 9);
        assertThat(to(c)).containsExactly(new SeaServerMessage.Away(b.id()), new SeaServerMessage.Away(a.id()));
    }

    @Test
    void message_whenPrinters_thenOnlyMembersWithVersion97Up() {
        SeaUser v96 = login("P96", 96);
        SeaUser v97 = login("P97", 97);
        SeaUser sender = login("S", 98);
        cmd(v96, new PrintersJoin(), 1);
        cmd(v97, new PrintersJoin(), 1);
        sent.clear();
        cmd(sender, new SendMessage(0xFFFF, 0, b("P"), SeaBytes.EMPTY), 8);
        assertThat(sent).extracting(Sent::to).containsExactly(v97.id());
        assertThat(archived).containsExactly(sender.id() + ">65535:P");
    }

    @Test
    void message_whenUnknownDestination_thenArchivedButDeliveredToNobody() {
        SeaUser sender = login("S", 98);
        sent.clear();
        cmd(sender, new SendMessage(4242, 0, b("hi"), SeaBytes.EMPTY), 9);
        assertThat(sent).isEmpty();
        assertThat(archived).containsExactly(sender.id() + ">4242:hi");
    }

    @Test
    void message_whenEmpty_thenNothingDeliveredNothingArchived() {
        SeaUser sender = login("S", 98);
        sent.clear();
        cmd(sender, new SendMessage(0, 0, SeaBytes.EMPTY, SeaBytes.EMPTY), 7);
        assertThat(sent).isEmpty();
        assertThat(archived).isEmpty();
    }

    @Test
    void chatAndMute_whenTargetMissingOrTooOld_thenNothing() {
        SeaUser old = login("Old", 95);
        SeaUser s = login("S", 98);
        sent.clear();
        cmd(s, new Chat(9999, b("x")), 4);
        cmd(s, new Mute(old.id()), 3);
        assertThat(sent).isEmpty();
        cmd(s, new Chat(old.id(), b("x")), 4);
        assertThat(sent).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(new Sent(old.id(), new SeaServerMessage.Chat(s.id(), b("x"))));
    }

    @Test
    void rename_whenSanitisedAndLeadingSpace_thenOnlyVersion97UpGetIt() {
        SeaUser old = login("Old", 96);
        SeaUser s = login("S", 97);
        sent.clear();
        cmd(s, new Rename(b(" a<b>")), 7);
        // compared field by field: the recorded message and the expected one are built separately
        assertThat(sent).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(new Sent(s.id(), new SeaServerMessage.Rename(s.id(), b("_a(b)"))));
        assertThat(to(old)).isEmpty();
    }

    @Test
    void login_whenBlacklisted_thenKilledNotBannedNobodyNotified() {
        SeaUser alice = login("Alice", 0);
        sent.clear();
        SeaUser evil = accept("10.0.0.7");
        cmd(evil, new Login(b("xEViLx"), b("pc")), 11);
        assertThat(((FakeSeaLink) evil.link()).closed).isTrue();
        assertThat(sent).isEmpty();
        assertThat(bans.list()).isEmpty();
        assertThat(alice.loggedIn()).isTrue();
    }

    @Test
    void flood_whenShortMessagesBackToBack_thenThrottleThenKillAndBanAtEighthTv22() {
        SeaUser flooder = login("F", 98);
        clock.advance(Duration.ofSeconds(10));
        FakeSeaLink link = (FakeSeaLink) flooder.link();
        SendMessage hi = new SendMessage(0, 0, b("Hi all"), SeaBytes.EMPTY);
        cmd(flooder, hi, 13);
        assertThat(link.pausedUntil).isNull();
        cmd(flooder, hi, 13);
        assertThat(link.pausedUntil).isEqualTo(clock.instant().plusSeconds(2));
        for (int i = 3; i <= 7; i++) {
            clock.advance(Duration.ofSeconds(2));
            service.tick(clock.instant());
            assertThat(link.pausedUntil).isNull();
            cmd(flooder, hi, 13);
            assertThat(link.closed).isFalse();
        }
        clock.advance(Duration.ofSeconds(2));
        service.tick(clock.instant());
        cmd(flooder, hi, 13);
        assertThat(link.closed).isTrue();
        assertThat(bans.isBanned(flooder.address(), clock.instant())).isTrue();
        assertThat(accept("192.168.0.5")).isNull();
        clock.advance(Duration.ofSeconds(60));
        service.tick(clock.instant());
        assertThat(accept("192.168.0.5")).isNotNull();
    }

    @Test
    void tick_whenIdleVersion98_thenOneForcedPongAt141AndKillAt261() {
        SeaUser u = login("I", 98);
        sent.clear();
        clock.advance(Duration.ofSeconds(140));
        service.tick(clock.instant());
        assertThat(sent).isEmpty();
        for (int s = 141; s <= 150; s++) {
            clock.advance(Duration.ofSeconds(1));
            service.tick(clock.instant());
        }
        assertThat(sent).containsExactly(new Sent(u.id(), new SeaServerMessage.Pong()));
        clock.advance(Duration.ofSeconds(110));
        service.tick(clock.instant());
        assertThat(u.loggedIn()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        service.tick(clock.instant());
        assertThat(u.loggedIn()).isFalse();
    }

    @Test
    void accept_whenClassMaxConnsReached_thenRefused() {
        SeaUser first = accept("10.9.9.9");
        cmd(first, new Login(b("a"), b("b")), 5);
        assertThat(accept("10.9.9.9")).isNull();
        assertThat(service.loginTimeout(accept("10.9.9.8"))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shutdown_whenSessionsOpen_thenAllClosedWithoutDeleteUser() {
        SeaUser a = login("A", 0);
        SeaUser b = login("B", 0);
        sent.clear();
        service.shutdown();
        assertThat(((FakeSeaLink) a.link()).closed).isTrue();
        assertThat(((FakeSeaLink) b.link()).closed).isTrue();
        service.disconnected(a);
        assertThat(sent).isEmpty();
        assertThat(service.sessions()).isEmpty();
    }

    @Test
    void tick_whenRecipientUnwritableTooLong_thenKilledAsSlowConsumer() {
        SeaUser a = login("A", 98);
        SeaUser slow = login("Slow", 98);
        ((FakeSeaLink) slow.link()).unwritableSince = clock.instant();
        clock.advance(Duration.ofSeconds(59));
        service.tick(clock.instant());
        assertThat(slow.loggedIn()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        service.tick(clock.instant());
        assertThat(slow.loggedIn()).isFalse();
        assertThat(to(a)).last().isEqualTo(new SeaServerMessage.DeleteUser(slow.id()));
    }

    @Test
    void flood_whenPingsAsFastAsAllowed_thenThrottledButNeverKilledTv22() {
        SeaUser u = login("P", 98);
        clock.advance(Duration.ofSeconds(100));
        FakeSeaLink link = (FakeSeaLink) u.link();
        for (int i = 1; i <= 10; i++) {
            cmd(u, new Ping(), 1);
        }
        assertThat(link.pausedUntil).isNull();
        cmd(u, new Ping(), 1);
        assertThat(link.pausedUntil).isNotNull();
        for (int round = 0; round < 50; round++) {
            clock.advance(Duration.ofSeconds(2));
            service.tick(clock.instant());
            while (link.pausedUntil == null) {
                cmd(u, new Ping(), 1);
            }
            assertThat(link.closed).isFalse();
            assertThat(u.flood().ahead()).isBetween(10L, 11L);
        }
    }

    @Test
    void repeatedLogin_whenLoggedIn_thenIgnoredWithoutChargeOrActivity() {
        SeaUser u = login("A", 0);
        long before = u.flood().lastActivity();
        clock.advance(Duration.ofSeconds(5));
        sent.clear();
        cmd(u, new Login(b("zz"), b("zz")), 7);
        assertThat(sent).isEmpty();
        assertThat(u.flood().lastActivity()).isEqualTo(before);
        assertThat(u.username()).isEqualTo(b("A"));
    }

    @Test
    void login_whenRecheckEnabledAndParallelLoginsOvershoot_thenSecondLoginRefused() {
        SeaService strictClasses = new SeaService(clock, (m, r) -> { }, SeaMetrics.NOOP,
                new SeaSettings(false, "", FloodPolicy.REFERENCE_DEFAULT, 10, false, true, Duration.ofSeconds(120),
                        Duration.ofSeconds(600), Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(60)),
                bans, blacklist, List.of(ConnectionClass.parse("10.9.9.9:5:1:10")), Duration.ofSeconds(30),
                new UserIdAllocator(), SeaArchive.NONE);
        SeaUser first = strictClasses.accept(new FakeSeaLink(), ip("10.9.9.9"), 1);
        SeaUser second = strictClasses.accept(new FakeSeaLink(), ip("10.9.9.9"), 2);
        strictClasses.handle(first, SeaRequest.exact(5, new Login(b("a"), b("b"))));
        strictClasses.handle(second, SeaRequest.exact(5, new Login(b("c"), b("d"))));
        assertThat(first.loggedIn()).isTrue();
        assertThat(((FakeSeaLink) second.link()).closed).isTrue();
    }

    @Test
    void login_whenBlacklistBansEnabled_thenAddressBannedToo() {
        SeaService banning = new SeaService(clock, (m, r) -> { }, SeaMetrics.NOOP,
                new SeaSettings(false, "", FloodPolicy.REFERENCE_DEFAULT, 10, true, false, Duration.ofSeconds(120),
                        Duration.ofSeconds(600), Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(60)),
                bans, blacklist, List.of(), Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
        SeaUser evil = banning.accept(new FakeSeaLink(), ip("10.0.0.66"), 1);
        banning.handle(evil, SeaRequest.exact(11, new Login(b("evil"), b("pc"))));
        assertThat(((FakeSeaLink) evil.link()).closed).isTrue();
        assertThat(bans.isBanned(ip("10.0.0.66"), clock.instant())).isTrue();
    }

    @Test
    void tick_whenActiveAgainAfterForcedPong_thenNextIdlePeriodGetsExactlyOneMorePong() {
        SeaUser u = login("I", 98);
        sent.clear();
        for (int s = 1; s <= 150; s++) {
            clock.advance(Duration.ofSeconds(1));
            service.tick(clock.instant());
        }
        assertThat(sent).containsExactly(new Sent(u.id(), new SeaServerMessage.Pong()));
        cmd(u, new Ping(), 1);
        sent.clear();
        // §10.2 IMPROVE: forcedPongSent is cleared by activity, so the new idle period earns one again,
        // and a sweep every second (faster than the reference's 10 s) still sends it only once.
        for (int s = 1; s <= 160; s++) {
            clock.advance(Duration.ofSeconds(1));
            service.tick(clock.instant());
        }
        assertThat(sent).containsExactly(new Sent(u.id(), new SeaServerMessage.Pong()));
        assertThat(u.loggedIn()).isTrue();
    }

    @Test
    void tick_whenSweepSkipsPastTheForcedPongWindow_thenNoPongAndNoEarlyKill() {
        SeaUser u = login("I", 98);
        sent.clear();
        clock.advance(Duration.ofSeconds(151));
        service.tick(clock.instant());
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofSeconds(109));
        service.tick(clock.instant());
        assertThat(u.loggedIn()).isTrue();
    }

    @Test
    void versionGates_whenVersionByteAbove127_thenTreatedAsVeryOldLikeTheSignedReference() {
        SeaUser s = login("S", 98);
        SeaUser high = login("High", 0xC8);
        sent.clear();
        cmd(s, new Mute(high.id()), 3);
        cmd(s, new Away(), 1);
        cmd(s, new Unaway(), 1);
        cmd(s, new Rename(b("T")), 3);
        cmd(high, new PrintersJoin(), 1);
        cmd(s, new SendMessage(0xFFFF, 0, b("P"), SeaBytes.EMPTY), 8);
        assertThat(to(high)).isEmpty();
        // Idle limits of a version below 98 (§4.1, §10.2): 620 s for the forced PONG.
        sent.clear();
        clock.advance(Duration.ofSeconds(141));
        service.tick(clock.instant());
        assertThat(to(high)).isEmpty();
        clock.advance(Duration.ofSeconds(480));
        service.tick(clock.instant());
        // S (v98) passed its own 260 s limit meanwhile, hence the DELETEUSER after the PONG.
        assertThat(to(high)).containsExactly(new SeaServerMessage.Pong(), new SeaServerMessage.DeleteUser(s.id()));
    }

    @Test
    void userInfoRequest_whenSelfUnknownPendingOrSpecialIds_thenOnlyLoggedInTargetsAnswered() {
        SeaUser s = login("S", 98);
        SeaUser pendingUser = accept("10.0.0.2");
        sent.clear();
        cmd(s, new UserInfoRequest(0), 3);
        cmd(s, new UserInfoRequest(0xFFFF), 3);
        cmd(s, new UserInfoRequest(pendingUser.id()), 3);
        cmd(s, new UserInfoRequest(4242), 3);
        assertThat(sent).isEmpty();
        cmd(s, new UserInfoRequest(s.id()), 3);
        assertThat(sent).usingRecursiveFieldByFieldElementComparator().containsExactly(new Sent(s.id(),
                new SeaServerMessage.UserInfo(1, b("312-a"), SeaBytes.EMPTY, (byte) 98, b("192.168.0.5"))));
    }

    @Test
    void chatAndMessage_whenAddressedToSelf_thenDeliveredToSelf() {
        SeaUser s = login("S", 98);
        SeaUser other = login("O", 98);
        sent.clear();
        cmd(s, new Chat(s.id(), b("x")), 4);
        cmd(s, new SendMessage(s.id(), 0, b("me"), SeaBytes.EMPTY), 9);
        assertThat(sent).extracting(Sent::to).containsExactly(s.id(), s.id());
        assertThat(to(other)).isEmpty();
    }

    @Test
    void message_whenSenderIsQualifiedPrinter_thenItGetsItsOwnPrintersMessage() {
        SeaUser s = login("S", 97);
        cmd(s, new PrintersJoin(), 1);
        sent.clear();
        cmd(s, new SendMessage(0xFFFF, 0, b("P"), SeaBytes.EMPTY), 8);
        assertThat(sent).extracting(Sent::to).containsExactly(s.id());
    }

    @Test
    void accept_whenLoginFrameArrives_thenLastActivityStaysAtAcceptTime() {
        SeaUser u = accept("192.168.0.9");
        clock.advance(Duration.ofSeconds(100));
        cmd(u, new Login(b("a"), b("b")), 5);
        sent.clear();
        // §10.2: the login frame does not reset idle, so a v<98 session gets its PONG 620 s after accept.
        clock.advance(Duration.ofSeconds(521));
        service.tick(clock.instant());
        assertThat(sent).containsExactly(new Sent(u.id(), new SeaServerMessage.Pong()));
    }

    @Test
    void flood_whenSenderHasPlainIpv6Address_thenKilledWithoutBanAndNoExceptionEscapes() {
        SeaUser observer = login("O", 98);
        SeaUser flooder = service.accept(new FakeSeaLink(), ip("2001:db8::1"), 4000);
        cmd(flooder, new Login(b("F"), b("PC")), 6);
        SendMessage hi = new SendMessage(0, 0, b("Hi all"), SeaBytes.EMPTY);
        for (int i = 1; i <= 12 && flooder.loggedIn(); i++) {
            cmd(flooder, hi, 13);
            clock.advance(Duration.ofSeconds(2));
            service.tick(clock.instant());
        }
        assertThat(((FakeSeaLink) flooder.link()).closed).isTrue();
        assertThat(to(observer)).last().isEqualTo(new SeaServerMessage.DeleteUser(flooder.id()));
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void login_whenSameNamesTwice_thenBothLoggedInWithTheirOwnIds() {
        SeaUser first = login("Twin", 98);
        SeaUser second = login("Twin", 98);
        // §5.2: duplicate user names are allowed (F1, no authentication).
        assertThat(first.loggedIn()).isTrue();
        assertThat(second.loggedIn()).isTrue();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(service.loggedInCount()).isEqualTo(2);
    }

    @Test
    void accept_whenNoUserIdIsFree_thenConnectionClosedWithNothingSent() {
        UserIdAllocator full = new UserIdAllocator();
        for (int id = 1; id <= 65534; id++) {
            if (id < 1000 || id > 2000) {
                full.claim(id);
            }
        }
        SeaService crowded = new SeaService(clock, (message, recipients) -> recipients
                .forEach(r -> sent.add(new Sent(r.id(), message))), SeaMetrics.NOOP, settings, bans, blacklist,
                List.of(), Duration.ofSeconds(30), full, SeaArchive.NONE);
        FakeSeaLink link = new FakeSeaLink();
        assertThat(crowded.accept(link, ip("10.0.0.1"), 1025)).isNull();
        assertThat(link.closed).isTrue();
        assertThat(link.reading).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void tick_whenOneSessionThrows_thenItIsKilledAndTheSweepStillReachesTheOthers() {
        SeaUser quiet = login("Quiet", 98);
        FakeSeaLink broken = new FakeSeaLink() {
            @Override
            public Instant unwritableSince() {
                throw new IllegalStateException("broken link");
            }
        };
        SeaUser faulty = service.accept(broken, ip("10.0.0.3"), 1025);
        cmd(faulty, new Login(b("B"), b("PC")), 6);
        sent.clear();
        // faulty logged in last, so it comes first in roster order and used to end the sweep.
        clock.advance(Duration.ofSeconds(141));
        service.tick(clock.instant());
        assertThat(broken.closed).isTrue();
        assertThat(faulty.loggedIn()).isFalse();
        assertThat(to(quiet)).containsExactly(new SeaServerMessage.DeleteUser(faulty.id()),
                new SeaServerMessage.Pong());
    }

    private List<String> messageTexts(SeaUser u) {
        return to(u).stream().filter(m -> m instanceof SeaServerMessage.Message)
                .map(m -> ((SeaServerMessage.Message) m).text().latin1()).toList();
    }

    /**
     * Requests decoded before the I/O loop saw the pause reach the service after the throttle decision: they are
     * held, in order, and the link is told to pass frames on again only once none is left.
     */
    @Test
    void handle_whenRequestsArriveAfterTheThrottleDecision_thenHeldAndHandledInOrderWhenThePauseEnds() {
        SeaUser alice = login("Alice", 98);
        SeaUser flooder = login("F", 98);
        clock.advance(Duration.ofSeconds(10));
        FakeSeaLink link = (FakeSeaLink) flooder.link();
        cmd(flooder, new SendMessage(0, 0, b("a"), SeaBytes.EMPTY), 8);
        cmd(flooder, new SendMessage(0, 0, b("b"), SeaBytes.EMPTY), 8);
        assertThat(link.pausedUntil).isNotNull();
        cmd(flooder, new SendMessage(0, 0, b("c"), SeaBytes.EMPTY), 8);
        cmd(flooder, new SendMessage(0, 0, b("d"), SeaBytes.EMPTY), 8);
        assertThat(messageTexts(alice)).containsExactly("a", "b");
        long charged = flooder.flood().ahead();
        clock.advance(Duration.ofSeconds(1));
        service.tick(clock.instant());
        assertThat(messageTexts(alice)).as("still paused: nothing held is handled").containsExactly("a", "b");
        assertThat(flooder.flood().ahead()).as("held requests are not charged").isLessThanOrEqualTo(charged);
        for (int round = 0; round < 5 && messageTexts(alice).size() < 4; round++) {
            clock.advance(Duration.ofSeconds(2));
            service.tick(clock.instant());
            if (messageTexts(alice).size() < 4) {
                assertThat(link.pausedUntil).as("a request is still held: reading stays paused").isNotNull();
            }
        }
        assertThat(messageTexts(alice)).containsExactly("a", "b", "c", "d");
        assertThat(link.closed).isFalse();
    }

    @Test
    void handle_whenThrottledSessionIsKilled_thenHeldRequestsAreDropped() {
        SeaUser alice = login("Alice", 98);
        SeaUser flooder = login("F", 98);
        clock.advance(Duration.ofSeconds(10));
        cmd(flooder, new SendMessage(0, 0, b("a"), SeaBytes.EMPTY), 8);
        cmd(flooder, new SendMessage(0, 0, b("b"), SeaBytes.EMPTY), 8);
        cmd(flooder, new SendMessage(0, 0, b("c"), SeaBytes.EMPTY), 8);
        service.kill(flooder, SeaCloseReason.ADMIN, "test");
        clock.advance(Duration.ofSeconds(10));
        service.tick(clock.instant());
        assertThat(messageTexts(alice)).containsExactly("a", "b");
        assertThat(((FakeSeaLink) flooder.link()).closeReason).isEqualTo(SeaCloseReason.ADMIN);
    }

    @Test
    void tick_whenTheClassLoginDeadlinePasses_thenThePendingSessionIsClosedForLoginTimeout() {
        SeaUser slow = accept("10.9.9.9");
        FakeSeaLink link = (FakeSeaLink) slow.link();
        clock.advance(Duration.ofSeconds(4));
        service.tick(clock.instant());
        assertThat(link.closed).isFalse();
        clock.advance(Duration.ofSeconds(1));
        service.tick(clock.instant());
        assertThat(link.closeReason).isEqualTo(SeaCloseReason.LOGIN_TIMEOUT);
        assertThat(slow.state()).isEqualTo(SeaUser.State.CLOSED);
    }

    @Test
    void tick_whenLoggedInBeforeTheDeadline_thenNotClosed() {
        SeaUser u = login("Alice", 0);
        clock.advance(Duration.ofSeconds(31));
        service.tick(clock.instant());
        assertThat(((FakeSeaLink) u.link()).closed).isFalse();
    }

    @Test
    void close_whenTheServiceEndsASession_thenTheLinkIsToldTheTypedReason() {
        SeaUser bad = login("Bad", 0);
        cmd(bad, new Malformed(2, "msglen runs past the frame"), 9);
        assertThat(((FakeSeaLink) bad.link()).closeReason).isEqualTo(SeaCloseReason.FORMAT_ERROR);
        assertThat(((FakeSeaLink) bad.link()).closeDetail).contains("msglen runs past the frame");

        SeaUser stuck = login("Stuck", 0);
        ((FakeSeaLink) stuck.link()).unwritableSince = clock.instant();
        clock.advance(Duration.ofSeconds(61));
        service.tick(clock.instant());
        assertThat(((FakeSeaLink) stuck.link()).closeReason).isEqualTo(CoreCloseReason.SLOW_CONSUMER);

        SeaUser left = login("Left", 0);
        service.shutdown();
        assertThat(((FakeSeaLink) left.link()).closeReason).isEqualTo(CoreCloseReason.SHUTDOWN);
    }
}
