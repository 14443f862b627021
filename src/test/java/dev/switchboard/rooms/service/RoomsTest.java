package dev.switchboard.rooms.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import dev.switchboard.rooms.service.Rooms.NoticeOutcome;
import dev.switchboard.rooms.service.Rooms.SayOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomsTest {

    private final Rooms rooms = new Rooms(RoomsLimits.defaults());

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RecordingSession connect() {
        return new RecordingSession(rooms.allocateMemberId());
    }

    private RecordingSession login(String nick) {
        RecordingSession s = connect();
        assertThat(rooms.setNick(s, b(nick))).isEqualTo(NickOutcome.ACCEPTED);
        return s;
    }

    private RecordingSession joined(String nick, String room) {
        RecordingSession s = login(nick);
        assertThat(rooms.join(s, 0x1002, b(room))).isEqualTo(JoinOutcome.JOINED);
        return s;
    }

    @Test
    void allocateMemberId_whenCalled_thenStartsAt0x1000AndIncreases() {
        assertThat(rooms.allocateMemberId()).isEqualTo(0x1000);
        assertThat(rooms.allocateMemberId()).isEqualTo(0x1001);
    }

    @Test
    void setNick_whenHeldByAnyoneOnServer_thenTaken() {
        joined("alice", "one");
        RecordingSession other = connect();
        assertThat(rooms.setNick(other, b("alice"))).isEqualTo(NickOutcome.TAKEN);
        // The original's off-by-one (spec §7.1) refused "bob" while "bobX" was online; we must not.
        login("bobX");
        assertThat(rooms.setNick(connect(), b("bob"))).isEqualTo(NickOutcome.ACCEPTED);
    }

    @Test
    void setNick_whenHolderDisconnected_thenFreeAgain() {
        RecordingSession alice = login("alice");
        rooms.disconnected(alice);
        assertThat(rooms.setNick(connect(), b("alice"))).isEqualTo(NickOutcome.ACCEPTED);
    }

    @Test
    void setNick_whenEmptyTooLongControlOrBadUtf8_thenInvalid() {
        RecordingSession s = connect();
        assertThat(rooms.setNick(s, b(""))).isEqualTo(NickOutcome.INVALID);
        assertThat(rooms.setNick(s, b("x".repeat(33)))).isEqualTo(NickOutcome.INVALID);
        assertThat(rooms.setNick(s, b("x".repeat(32)))).isEqualTo(NickOutcome.ACCEPTED);
        RecordingSession t = connect();
        assertThat(rooms.setNick(t, b("a\nb"))).isEqualTo(NickOutcome.INVALID);
        assertThat(rooms.setNick(t, new byte[] {(byte) 0xC3})).isEqualTo(NickOutcome.INVALID);
        assertThat(rooms.setNick(t, b("   "))).isEqualTo(NickOutcome.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ev\u202Eil", "a\u200Db", "\u200Bbob", "bob\u2060", "x\u00ADy", "\uFEFFz", "a\u2028b",
        "a\u2029b", "\u2066iso\u2069"})
    void setNick_whenInvisibleFormatCharacterOrSeparator_thenInvalid(String nick) {
        RecordingSession s = connect();
        assertThat(rooms.setNick(s, b(nick))).isEqualTo(NickOutcome.INVALID);
        assertThat(rooms.setNick(s, b("visible-élan-名前"))).isEqualTo(NickOutcome.ACCEPTED);
    }

    @Test
    void seal_whenMemberSaidGoodbye_thenRoomRelaysNothingMoreAndJoinsAreRefused() {
        RecordingSession a = login("alice");
        RecordingSession b = login("bob");
        rooms.join(a, 1, b("wuwu"));
        rooms.join(b, 2, b("wuwu"));
        a.takeLines();
        b.takeLines();
        rooms.seal(b);
        assertThat(rooms.say(a, b("late"))).isEqualTo(SayOutcome.ROOM_SEALED);
        assertThat(rooms.notice("wuwu", "late notice")).isEqualTo(NoticeOutcome.NO_SUCH_ROOM);
        RecordingSession c = login("carol");
        assertThat(rooms.join(c, 3, b("wuwu"))).isEqualTo(JoinOutcome.ROOM_SEALED);
        assertThat(a.lines()).isEmpty();
        assertThat(b.lines()).isEmpty();
    }

    @Test
    void sealAll_whenShuttingDown_thenEveryRoomAndNewOnesRelayNothing_whenReopened_thenRelayAgain() {
        RecordingSession a = joined("alice", "wuwu");
        RecordingSession b = joined("bob", "other");
        a.takeLines();
        b.takeLines();
        rooms.sealAll();
        assertThat(rooms.say(a, b("late"))).isEqualTo(SayOutcome.ROOM_SEALED);
        assertThat(rooms.say(b, b("late"))).isEqualTo(SayOutcome.ROOM_SEALED);
        assertThat(rooms.notice("other", "late notice")).isEqualTo(NoticeOutcome.NO_SUCH_ROOM);
        RecordingSession c = login("carol");
        assertThat(rooms.join(c, 3, b("brand-new"))).isEqualTo(JoinOutcome.ROOM_SEALED);
        assertThat(a.lines()).isEmpty();
        assertThat(b.lines()).isEmpty();

        rooms.reopen();
        assertThat(rooms.say(a, b("again"))).isEqualTo(SayOutcome.SENT);
        assertThat(rooms.join(c, 4, b("brand-new"))).isEqualTo(JoinOutcome.JOINED);
        assertThat(a.takeLines()).containsExactly("NEW_MSG 1000 again");
    }

    @Test
    void setNick_whenAlreadySet_thenAlreadySet() {
        RecordingSession s = login("alice");
        assertThat(rooms.setNick(s, b("alice2"))).isEqualTo(NickOutcome.ALREADY_SET);
    }

    @Test
    void join_whenFirstMember_thenOkThenOwnNewUserAndNoHistory() {
        RecordingSession alice = joined("alice", "wuwu");
        assertThat(alice.lines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1000 alice");
    }

    @Test
    void join_whenOthersPresent_thenJoinerFirstThenMostRecentFirstAndOthersNotified() {
        RecordingSession alice = joined("alice", "wuwu");
        RecordingSession bob = joined("bob", "wuwu");
        alice.received.clear();
        RecordingSession carol = joined("carol", "wuwu");
        assertThat(carol.lines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1002 carol", "NEW_USER 1001 bob",
                "NEW_USER 1000 alice");
        assertThat(alice.lines()).containsExactly("NEW_USER 1002 carol");
        assertThat(bob.lines()).endsWith("NEW_USER 1002 carol");
    }

    @Test
    void join_whenHistoryExists_thenReplayedOldestFirstAfterRoster() {
        RecordingSession alice = joined("alice", "wuwu");
        rooms.say(alice, b("one"));
        rooms.say(alice, b("two"));
        RecordingSession bob = joined("bob", "wuwu");
        assertThat(bob.lines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1001 bob", "NEW_USER 1000 alice",
                "LOGGED_MSG alice: one", "LOGGED_MSG alice: two");
    }

    @Test
    void join_whenSecondSetRoom_thenAlreadyJoinedAndNothingSent() {
        RecordingSession alice = joined("alice", "wuwu");
        RecordingSession bob = joined("bob", "other");
        alice.received.clear();
        bob.received.clear();
        assertThat(rooms.join(alice, 7, b("other"))).isEqualTo(JoinOutcome.ALREADY_JOINED);
        assertThat(rooms.join(alice, 7, b("wuwu"))).isEqualTo(JoinOutcome.ALREADY_JOINED);
        assertThat(alice.lines()).isEmpty();
        assertThat(bob.lines()).isEmpty();
        assertThat(rooms.members("other").orElseThrow()).extracting(MemberView::nick).containsExactly("bob");
    }

    @Test
    void join_whenNoNick_thenNoNick() {
        assertThat(rooms.join(connect(), 1, b("wuwu"))).isEqualTo(JoinOutcome.NO_NICK);
    }

    @Test
    void join_whenNameEmptyOrTooLong_thenInvalidName() {
        RecordingSession s = login("alice");
        assertThat(rooms.join(s, 1, b(""))).isEqualTo(JoinOutcome.INVALID_NAME);
        assertThat(rooms.join(s, 1, b("r".repeat(65)))).isEqualTo(JoinOutcome.INVALID_NAME);
        assertThat(rooms.join(s, 1, b("r".repeat(64)))).isEqualTo(JoinOutcome.JOINED);
    }

    @Test
    void join_whenNamesDifferInCase_thenDistinctRooms() {
        joined("alice", "Room");
        joined("bob", "room");
        assertThat(rooms.rooms()).extracting(RoomView::name).containsExactly("Room", "room");
    }

    @Test
    void join_whenRoomLimitOrMemberLimitReached_thenRefused() {
        Rooms small = new Rooms(new RoomsLimits(32, 64, 200, 50, 8192, 1, 2));
        RecordingSession a = new RecordingSession(small.allocateMemberId());
        RecordingSession b = new RecordingSession(small.allocateMemberId());
        RecordingSession c = new RecordingSession(small.allocateMemberId());
        small.setNick(a, b("a"));
        small.setNick(b, b("b"));
        small.setNick(c, b("c"));
        assertThat(small.join(a, 1, b("one"))).isEqualTo(JoinOutcome.JOINED);
        assertThat(small.join(c, 1, b("two"))).isEqualTo(JoinOutcome.TOO_MANY_ROOMS);
        assertThat(small.join(b, 1, b("one"))).isEqualTo(JoinOutcome.JOINED);
        assertThat(small.join(c, 1, b("one"))).isEqualTo(JoinOutcome.ROOM_FULL);
        assertThat(c.lines()).isEmpty();
        small.disconnected(a);
        small.disconnected(b);
        assertThat(small.join(c, 1, b("two"))).isEqualTo(JoinOutcome.JOINED);
    }

    @Test
    void say_whenMember_thenEveryMemberIncludingSenderGetsNewMsgAndHistoryRecords() {
        RecordingSession alice = joined("alice", "wuwu");
        RecordingSession bob = joined("bob", "wuwu");
        RecordingSession carol = joined("carol", "elsewhere");
        alice.received.clear();
        bob.received.clear();
        carol.received.clear();
        assertThat(rooms.say(alice, b("hi"))).isEqualTo(SayOutcome.SENT);
        assertThat(alice.lines()).containsExactly("NEW_MSG 1000 hi");
        assertThat(bob.lines()).containsExactly("NEW_MSG 1000 hi");
        assertThat(carol.lines()).isEmpty();
        assertThat(rooms.history("wuwu", 10).orElseThrow()).containsExactly("alice: hi");
    }

    @Test
    void say_whenNotInRoomEmptyOrTooLong_thenRefusedAndNothingSent() {
        RecordingSession alice = login("alice");
        assertThat(rooms.say(alice, b("hi"))).isEqualTo(SayOutcome.NOT_IN_ROOM);
        rooms.join(alice, 1, b("wuwu"));
        RecordingSession bob = joined("bob", "wuwu");
        bob.received.clear();
        assertThat(rooms.say(alice, b(""))).isEqualTo(SayOutcome.EMPTY);
        assertThat(rooms.say(alice, b("x".repeat(201)))).isEqualTo(SayOutcome.TOO_LONG);
        assertThat(rooms.say(alice, b("x".repeat(200)))).isEqualTo(SayOutcome.SENT);
        assertThat(bob.lines()).hasSize(1);
        assertThat(rooms.say(connect(), b("hi"))).isEqualTo(SayOutcome.NOT_IN_ROOM);
    }

    @Test
    void disconnected_whenMember_thenOthersGetDelUserAndEmptyRoomDiesWithHistory() {
        RecordingSession alice = joined("alice", "wuwu");
        RecordingSession bob = joined("bob", "wuwu");
        rooms.say(alice, b("hi"));
        alice.received.clear();
        rooms.disconnected(bob);
        assertThat(alice.lines()).containsExactly("DEL_USER 1001 bob");
        rooms.disconnected(alice);
        rooms.disconnected(alice);
        assertThat(rooms.rooms()).isEmpty();
        assertThat(rooms.history("wuwu", 10)).isEmpty();
        RecordingSession carol = joined("carol", "wuwu");
        assertThat(carol.lines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1002 carol");
    }

    @Test
    void disconnected_whenNeverJoined_thenNoNoticeAndNoFailure() {
        RecordingSession alice = joined("alice", "wuwu");
        alice.received.clear();
        rooms.disconnected(connect());
        rooms.disconnected(login("bob"));
        assertThat(alice.lines()).isEmpty();
    }

    @Test
    void conformanceSequence_whenSpec11_thenEachSeesWhatSpecSays() {
        RecordingSession a = joined("alice", "wuwu");
        RecordingSession b = joined("bob", "wuwu");
        assertThat(a.takeLines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1000 alice", "NEW_USER 1001 bob");
        assertThat(b.takeLines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1001 bob", "NEW_USER 1000 alice");
        rooms.say(a, b("hi"));
        assertThat(a.takeLines()).containsExactly("NEW_MSG 1000 hi");
        assertThat(b.takeLines()).containsExactly("NEW_MSG 1000 hi");
        rooms.disconnected(b);
        assertThat(a.takeLines()).containsExactly("DEL_USER 1001 bob");
        RecordingSession c = joined("carol", "wuwu");
        assertThat(c.takeLines()).containsExactly("RESP_OK uid=1002", "NEW_USER 1002 carol", "NEW_USER 1000 alice",
                "LOGGED_MSG alice: hi");
    }

    @Test
    void kick_whenMember_thenOthersGetDelUserAndSessionKicked() {
        RecordingSession alice = joined("alice", "wuwu");
        RecordingSession bob = joined("bob", "wuwu");
        alice.received.clear();
        assertThat(rooms.kick("wuwu", bob.memberId())).isTrue();
        assertThat(alice.lines()).containsExactly("DEL_USER 1001 bob");
        assertThat(bob.kickedFor).isNotNull();
        assertThat(rooms.say(bob, b("still here?"))).isEqualTo(SayOutcome.NOT_IN_ROOM);
        rooms.disconnected(bob);
        assertThat(alice.lines()).containsExactly("DEL_USER 1001 bob");
        assertThat(rooms.kick("wuwu", bob.memberId())).isFalse();
        assertThat(rooms.kick("nowhere", alice.memberId())).isFalse();
    }

    @Test
    void notice_whenRoomExists_thenLoggedMsgToAllAndKeptInHistory() {
        RecordingSession alice = joined("alice", "wuwu");
        alice.received.clear();
        assertThat(rooms.notice("wuwu", "maintenance at noon")).isEqualTo(NoticeOutcome.POSTED);
        assertThat(alice.lines()).containsExactly("LOGGED_MSG * maintenance at noon");
        assertThat(rooms.history("wuwu", 1).orElseThrow()).containsExactly("* maintenance at noon");
        assertThat(rooms.notice("nowhere", "x")).isEqualTo(NoticeOutcome.NO_SUCH_ROOM);
        assertThat(rooms.notice("wuwu", " ")).isEqualTo(NoticeOutcome.INVALID_TEXT);
        assertThat(rooms.notice("wuwu", "x".repeat(201))).isEqualTo(NoticeOutcome.INVALID_TEXT);
    }

    @Test
    void operatorViews_whenRoomsPopulated_thenCountsMembersAndHistory() {
        RecordingSession alice = joined("alice", "wuwu");
        joined("bob", "wuwu");
        joined("carol", "abc");
        rooms.say(alice, b("hello"));
        assertThat(rooms.rooms()).containsExactly(new RoomView("abc", 1, 0, 0), new RoomView("wuwu", 2, 1, 12));
        assertThat(rooms.members("wuwu").orElseThrow()).containsExactly(new MemberView(0x1000, "alice", "local"),
                new MemberView(0x1001, "bob", "local"));
        assertThat(rooms.members("none")).isEmpty();
        assertThat(rooms.members("abc").orElseThrow()).containsExactly(new MemberView(0x1002, "carol", "local"));
        assertThat(rooms.roomCount()).isEqualTo(2);
        assertThat(rooms.memberCount()).isEqualTo(3);
        assertThat(rooms.userCount()).isEqualTo(3);
        assertThat(rooms.historyLines()).isEqualTo(1);
    }

    @Test
    @Timeout(30)
    void concurrentJoinsAndMessages_whenManyThreads_thenNoMessageBeforeItsSendersNewUser() throws Exception {
        int users = 16;
        int messages = 50;
        List<RecordingSession> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            sessions.add(login("user" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (RecordingSession s : sessions) {
                pool.submit(() -> {
                    start.await();
                    rooms.join(s, 1, b("busy"));
                    for (int m = 0; m < messages; m++) {
                        rooms.say(s, b("m" + m));
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        for (RecordingSession s : sessions) {
            java.util.Set<Integer> known = new java.util.HashSet<>();
            int relayed = 0;
            for (var p : s.received) {
                switch (p.command().orElseThrow()) {
                    case NEW_USER -> known.add(p.p1());
                    case NEW_MSG -> {
                        assertThat(known).as("NEW_USER of %x before its message", p.p1()).contains(p.p1());
                        relayed++;
                    }
                    default -> {
                    }
                }
            }
            assertThat(known).hasSize(users);
            assertThat(relayed).isGreaterThanOrEqualTo(messages);
        }
        assertThat(rooms.history("busy", 100).orElseThrow()).hasSize(50);
    }
}
