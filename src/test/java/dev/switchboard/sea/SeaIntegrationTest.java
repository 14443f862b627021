package dev.switchboard.sea;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.service.SeaAdministration.SettingsChange;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.latin1;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The SEA listener over real loopback sockets, following the test vectors of spec §17 with the IDs
 * the server actually assigned substituted (as the harness notes allow). Time is a {@link MutableClock}
 * moved by hand plus {@link TimeoutSweeper#sweep()}.
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        // the other protocols' listeners on ephemeral ports, so parallel builds never collide
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.sea.archive-url=http://example.org/archive/",
        "switchboard.sea.blacklist[0]=*evil*",
        "switchboard.sea.connection-classes[0]=127.0.0.4/32:5:1:10",
        "switchboard.sea.archiver.file=target/sea-integration-archive.log",
        // thousands of idle connections from 127.0.0.1 are the point of the scale test, not the caps
        "switchboard.sea.listener.max-connections=12000",
        "switchboard.sea.listener.max-unauthenticated-per-address=12000",
})
@Import(SeaIntegrationTest.TestClock.class)
@Timeout(120)
class SeaIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock seaTestClock() {
            return new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
        }
    }

    @Autowired
    Environment environment;
    @Autowired
    SeaAdministration admin;
    @Autowired
    TimeoutSweeper sweeper;
    @Autowired
    MutableClock clock;

    private final List<SeaTestClient> clients = new ArrayList<>();

    private int port() {
        return environment.getRequiredProperty("local.switchboard.sea.port", Integer.class);
    }

    private SeaTestClient connect() throws IOException {
        return connect("127.0.0.1");
    }

    private SeaTestClient connect(String source) throws IOException {
        SeaTestClient c = SeaTestClient.connect(port(), source);
        clients.add(c);
        return c;
    }

    /** An ID as the two hex bytes of a BE16 field. */
    private static String id(SeaTestClient c) {
        return String.format("%02x %02x", c.id() >> 8, c.id() & 0xFF);
    }

    /** Moves the clock so the next command of any session is not throttled (§17 harness). */
    private void step() {
        clock.advance(Duration.ofSeconds(10));
    }

    private static String archiveLog() throws IOException {
        java.nio.file.Path log = java.nio.file.Path.of("target/sea-integration-archive.log");
        return java.nio.file.Files.exists(log)
                ? new String(java.nio.file.Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    }

    @BeforeEach
    void quiet() {
        await().until(() -> admin.sessions().isEmpty());
        admin.updateSettings(new SettingsChange(false, null, null, null, null));
    }

    @AfterEach
    void closeAll() throws IOException {
        for (SeaTestClient c : clients) {
            c.close();
        }
        admin.bans().forEach(b -> admin.unban(b.text()));
    }

    /** Fixture F (TV-01 … TV-06): Alice v97 away, Bob v102 printer, Carol v98; roster order C, B, A. */
    private record Fixture(SeaTestClient alice, SeaTestClient bob, SeaTestClient carol) {
    }

    private Fixture fixture() throws IOException {
        SeaTestClient alice = connect();
        alice.send(bytes("00 00 0b 01 05 41 6c 69 63 65 03 50 43 31"));
        byte[] list = alice.readUserList();
        assertThat(Hex.format(list)).isEqualTo(Hex.format(bytes(
                "01 " + id(alice) + " 09 31 32 37 2e 30 2e 30 2e 31 00 01 " + id(alice)
                        + " 05 41 6c 69 63 65 03 50 43 31 00 00")));
        alice.send(bytes("00 00 0b 04 01 33 31 32 2d 61 02 68 69 61"));

        SeaTestClient bob = connect();
        bob.send(bytes("00 00 0b 01 03 42 6f 62 05 42 4f 42 50 43"));
        assertThat(Hex.format(bob.readUserList())).isEqualTo(Hex.format(bytes(
                "01 " + id(bob) + " 09 31 32 37 2e 30 2e 30 2e 31 00 02",
                id(bob) + " 03 42 6f 62 05 42 4f 42 50 43",
                id(alice) + " 05 41 6c 69 63 65 03 50 43 31 00 00")));
        alice.expect("02 " + id(bob) + " 03 42 6f 62 05 42 4f 42 50 43");
        bob.send(bytes("00 00 09 04 02 31 30 35 2d 62 00 66"));
        bob.send(bytes("00 00 01 0f"));

        step();
        alice.send(bytes("00 00 01 0b"));
        alice.expect("0b " + id(alice));
        bob.expect("0b " + id(alice));

        SeaTestClient carol = connect();
        carol.send(bytes("00 00 10 01 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43"));
        assertThat(Hex.format(carol.readUserList())).isEqualTo(Hex.format(bytes(
                "01 " + id(carol) + " 09 31 32 37 2e 30 2e 30 2e 31 00 03",
                id(carol) + " 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43",
                id(bob) + " 03 42 6f 62 05 42 4f 42 50 43",
                id(alice) + " 05 41 6c 69 63 65 03 50 43 31 00 00")));
        alice.expect("02 " + id(carol) + " 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43");
        bob.expect("02 " + id(carol) + " 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43");

        carol.send(bytes("00 00 09 04 01 32 30 31 2d 61 00 62"));
        carol.expect("0b " + id(alice));
        step();
        return new Fixture(alice, bob, carol);
    }

    @Test
    void story_whenFixtureAndVectors07To18_thenEveryByteAsSpecified() throws IOException {
        Fixture f = fixture();
        SeaTestClient a = f.alice();
        SeaTestClient b = f.bob();
        SeaTestClient c = f.carol();

        // TV-07 group message, echoed to the sender, and its archiver record
        long sentAt = clock.instant().getEpochSecond();
        a.send(bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c"));
        String hiAll = "04 " + id(a) + " 00 00 00 00 06 48 69 20 61 6c 6c 00";
        a.expect(hiAll);
        b.expect(hiAll);
        c.expect(hiAll);
        String record = "MSG 6 " + a.id() + " 127.0.0.1 0 " + sentAt + " Alice[PC1]\nHi all";
        await().until(() -> archiveLog().contains(record));
        step();

        // TV-08 private messages with flag bits
        long privateAt = clock.instant().getEpochSecond();
        c.send(bytes("00 00 09 02 " + id(b) + " 02 00 00 02 79 6f"));
        b.expect("04 " + id(c) + " 01 02 00 00 02 79 6f 00");
        String privateRecord = "MSG 2 " + c.id() + " 127.0.0.1 " + b.id() + " " + privateAt + " Carol[CAROL-PC]\nyo";
        await().until(() -> archiveLog().contains(privateRecord));
        step();
        c.send(bytes("00 00 09 02 " + id(a) + " 02 00 00 02 79 6f"));
        a.expect("04 " + id(c) + " 01 00 00 00 02 79 6f 00");
        step();
        c.expectNothingMore();

        // TV-09 printers group (the join is answered by nothing; A's PING proves it was handled before C sends:
        // the order across connections is not what this vector is about, SeaOrderingIntegrationTest is)
        a.send(bytes("00 00 01 0f"));
        a.expectNothingMore();
        step();
        c.send(bytes("00 00 08 02 ff ff 00 00 00 01 50"));
        a.expect("04 " + id(c) + " 01 01 01 00 01 50 00");
        b.expect("04 " + id(c) + " 01 01 00 00 01 50 00");
        step();
        c.send(bytes("00 00 0c 02 ff ff 03 00 00 05 70 72 69 6e 74"));
        a.expect("04 " + id(c) + " 01 01 01 00 05 70 72 69 6e 74 00");
        b.expect("04 " + id(c) + " 01 03 00 00 05 70 72 69 6e 74 00");
        step();
        c.expectNothingMore();

        // TV-10 version-102 big message
        b.send(concat(bytes("01 11 77 02 00 00 02 00 00 04 41 41 41 41"), repeat(0x42, 69_996)));
        a.expect("04 " + id(b) + " 00 00 00 00 04 41 41 41 41 00");
        c.expect("04 " + id(b) + " 00 00 00 00 04 41 41 41 41 00");
        b.expect(concat(bytes("04 " + id(b) + " 00 02 01 11 70 41 41 41 41"), repeat(0x42, 69_996), bytes("00")));
        // Bob is throttled now (18 s ahead): release him by moving the clock past the pause.
        clock.advance(Duration.ofSeconds(20));
        sweeper.sweep();

        // TV-11 ping
        c.send(bytes("00 00 01 03"));
        c.expect("05");

        // TV-12 unaway broadcast
        a.send(bytes("00 00 01 0c"));
        a.expect("0c " + id(a));
        b.expect("0c " + id(a));
        c.expect("0c " + id(a));
        step();

        // TV-13 rename with sanitising, the renamer included
        c.send(bytes("00 00 06 0e 04 43 3c 72 3e"));
        String renamed = "0e " + id(c) + " 04 43 28 72 29";
        a.expect(renamed);
        b.expect(renamed);
        c.expect(renamed);
        step();

        // TV-14 user info request / reply; unknown ID gets nothing
        c.send(bytes("00 00 03 05 " + id(a)));
        c.expect("06 01 33 31 32 2d 61 02 68 69 61 09 31 32 37 2e 30 2e 30 2e 31");
        step();
        c.send(bytes("00 00 03 05 ff fe"));
        step();
        c.expectNothingMore();

        // TV-15 chat relay with patched ID
        c.send(bytes("00 00 09 07 " + id(b) + " 05 68 65 6c 6c 6f"));
        b.expect("07 " + id(c) + " 05 68 65 6c 6c 6f");
        b.send(bytes("00 00 03 08 " + id(c)));
        c.expect("08 " + id(b));
        step();

        // TV-16 mute
        c.send(bytes("00 00 03 0a " + id(a)));
        a.expect("0a " + id(c));
        step();

        // TV-17 archive link
        c.send(bytes("00 00 01 09"));
        c.expect("09 1b 68 74 74 70 3a 2f 2f 65 78 61 6d 70 6c 65 2e 6f 72 67 2f 61 72 63 68 69 76 65 2f");

        // TV-18 alternate server broadcast (administrative)
        assertThat(admin.broadcastAltServer("10.0.0.1")).isEqualTo(3);
        for (SeaTestClient x : List.of(a, b, c)) {
            x.expect("0d 0a 00 00 01");
        }
        assertThatThrownBy(() -> admin.broadcastAltServer("13")).isInstanceOf(IllegalArgumentException.class);
        step();
        for (SeaTestClient x : List.of(a, b, c)) {
            x.expectNothingMore();
        }
    }

    @Test
    void userList_whenSessionLeaves_thenOthersGetDeleteUserAndNewcomerSeesSnapshot() throws IOException {
        Fixture f = fixture();
        f.bob().close();
        f.alice().expect("03 " + id(f.bob()));
        f.carol().expect("03 " + id(f.bob()));
        SeaTestClient dave = connect();
        dave.login("Dave", "D");
        assertThat(admin.sessions()).hasSize(3);
        f.alice().expect("02 " + id(dave) + " 04 44 61 76 65 01 44");
    }

    @Test
    void away_whenUserSendsUserInfoTwice_thenReplayTwiceAndOnlyFromVersion96() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 09 04 01 32 30 31 2d 61 00 62"));
        f.carol().expect("0b " + id(f.alice()));
        step();
        f.carol().send(bytes("00 00 09 04 01 32 30 31 2d 61 00 5f"));
        step();
        f.carol().expectNothingMore();
        // version 95 now: Carol no longer receives AWAY broadcasts
        f.bob().send(bytes("00 00 01 0b"));
        f.bob().expect("0b " + id(f.bob()));
        f.alice().expect("0b " + id(f.bob()));
        f.carol().expectNothingMore();
    }

    // ---------------------------------------------------------------- TV-19 malformed and borderline

    @Test
    void malformed_whenTooShortOrZeroLength_thenKilledAndOthersNotifiedTv19ab() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 02 05 00"));
        f.carol().expectClosed();
        f.alice().expect("03 " + id(f.carol()));
        f.bob().expect("03 " + id(f.carol()));

        f.bob().send(bytes("00 00 00 03"));
        f.bob().expectClosed();
        f.alice().expect("03 " + id(f.bob()));
        f.alice().expectNothingMore();
    }

    @Test
    void malformed_whenFirstFrameNotValidLogin_thenClosedSilentlyTv19cd() throws IOException {
        Fixture f = fixture();
        SeaTestClient ping = connect();
        ping.send(bytes("00 00 01 03"));
        ping.expectClosed();
        SeaTestClient bad = connect();
        bad.send(bytes("00 00 04 01 00 01 62"));
        bad.expectClosed();
        // A header without its body is simply incomplete: the login timer closes it (§18 item 2 not reproduced).
        SeaTestClient headerOnly = connect();
        headerOnly.send(bytes("00 00 05"));
        headerOnly.send(bytes("03"));
        f.alice().expectNothingMore();
        await().until(() -> admin.sessions().size() == 4);
        clock.advance(Duration.ofSeconds(31));
        sweeper.sweep();
        headerOnly.expectClosed();
        f.alice().expectNothingMore();
    }

    @Test
    void malformed_whenV102ExtraBytesBelow65542_thenKilledInAnyModeTv19e() throws IOException {
        Fixture f = fixture();
        f.bob().send(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
        f.bob().expectClosed();
        f.alice().expect("03 " + id(f.bob()));
        f.carol().expect("03 " + id(f.bob()));
        f.carol().expectNothingMore();
    }

    @Test
    void trailing_whenNormalMode_thenCutAndDeliveredTv19fg() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
        String ab = "04 " + id(f.carol()) + " 00 00 00 00 02 61 62 00";
        f.alice().expect(ab);
        f.bob().expect(ab);
        f.carol().expect(ab);
        step();
        f.carol().send(bytes("00 00 02 03 00"));
        f.carol().expect("05");
    }

    @Test
    void trailing_whenStrictMode_thenKilledTv19fPrimeGPrime() throws IOException {
        Fixture f = fixture();
        admin.updateSettings(new SettingsChange(true, null, null, null, null));
        f.carol().send(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
        f.carol().expectClosed();
        f.alice().expect("03 " + id(f.carol()));
        f.bob().expect("03 " + id(f.carol()));
        f.bob().send(bytes("00 00 02 03 00"));
        f.bob().expectClosed();
        f.alice().expect("03 " + id(f.bob()));
        SeaTestClient m = connect();
        m.send(bytes("00 00 06 01 01 61 01 62 00"));
        m.expectClosed();
        f.alice().expectNothingMore();
    }

    @Test
    void malformed_whenEmptyRenameOrInfoOverrun_thenKilledTv19hi() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 03 0e 00 41"));
        f.carol().expectClosed();
        f.alice().expect("03 " + id(f.carol()));
        f.bob().expect("03 " + id(f.carol()));
        f.bob().send(bytes("00 00 0b 04 01 31 32 33 34 35 05 61 62 60"));
        f.bob().expectClosed();
        f.alice().expect("03 " + id(f.bob()));
    }

    @Test
    void ignored_whenZeroMessageReservedCodeOrRepeatedLogin_thenSessionStaysTv19jkl() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 07 02 00 00 00 00 00 00"));
        f.carol().send(bytes("00 00 03 0d 78 78"));
        f.carol().send(bytes("00 00 03 11 78 78"));
        f.bob().send(bytes("00 00 07 01 02 7a 7a 02 7a 7a"));
        f.carol().expectNothingMore();
        f.bob().expectNothingMore();
        f.alice().expectNothingMore();
        assertThat(admin.session(f.bob().id()).orElseThrow().username()).isEqualTo("Bob");
    }

    @Test
    void login_whenTrailingByteNormalMode_thenLoggedInAsABTv19m() throws IOException {
        SeaTestClient m = connect();
        m.send(bytes("00 00 06 01 01 61 01 62 00"));
        m.readUserList();
        assertThat(admin.session(m.id()).orElseThrow().username()).isEqualTo("a");
        assertThat(admin.session(m.id()).orElseThrow().compname()).isEqualTo("b");
    }

    @Test
    void malformed_whenFrameOverLoginCap_thenClosedBeforeBody() throws IOException {
        SeaTestClient c = connect();
        c.send(bytes("ff ff ff 01"));
        c.expectClosed();
    }

    // ---------------------------------------------------------------- TV-20 names

    @Test
    void login_whenNamesNeedSanitising_thenRewrittenTv20() throws IOException {
        SeaTestClient alice = connect();
        alice.login("Alice", "PC1");
        SeaTestClient n = connect();
        n.send(bytes("00 00 0b 01 05 20 41 3c 62 01 03 58 0a 59"));
        n.readUserList();
        alice.expect("02 " + id(n) + " 05 5f 41 28 62 5f 03 58 5f 59");
    }

    @Test
    void login_whenNameBlacklisted_thenClosedNobodyNotifiedNotBannedTv20() throws IOException {
        SeaTestClient alice = connect();
        alice.login("Alice", "PC1");
        SeaTestClient evil = connect();
        evil.send(bytes("00 00 0b 01 06 78 45 56 69 4c 78 02 70 63"));
        evil.expectClosed();
        alice.expectNothingMore();
        assertThat(admin.bans()).isEmpty();
        connect().login("good", "pc");
    }

    @Test
    void rename_whenNewNameBlacklisted_thenKilledOthersSeeDeleteUser() throws IOException {
        Fixture f = fixture();
        f.carol().sendFrame(14, concat(bytes("04"), latin1("Evil")));
        f.carol().expectClosed();
        f.alice().expect("03 " + id(f.carol()));
        f.bob().expect("03 " + id(f.carol()));
    }

    // ---------------------------------------------------------------- big messages

    @Test
    void bigMessage_when16MiBMinus1FromV102_thenV102GetsAllAndV97GetsText() throws IOException {
        Fixture f = fixture();
        int l = 0xFFFFFF;
        int extension = l - 7 - 4;
        f.bob().send(concat(bytes("ff ff ff 02 00 00 00 00 00 04 41 41 41 41"), repeat(0x43, extension)));
        f.alice().expect("04 " + id(f.bob()) + " 00 00 00 00 04 41 41 41 41 00");
        byte[] header = f.bob().read(12);
        assertThat(Hex.format(header)).isEqualTo(Hex.format(bytes("04 " + id(f.bob()) + " 00 00 ff ff f8 41 41 41 41")));
        byte[] rest = f.bob().read(extension + 1);
        assertThat(rest[0]).isEqualTo((byte) 0x43);
        assertThat(rest[extension - 1]).isEqualTo((byte) 0x43);
        assertThat(rest[extension]).isEqualTo((byte) 0);
        f.carol().expect("04 " + id(f.bob()) + " 00 00 00 00 04 41 41 41 41 00");
    }

    // ---------------------------------------------------------------- flood control (TV-22)

    @Test
    void flood_whenShortMessagesAsFastAsPossible_thenThrottledThenKilledAndBannedTv22() throws IOException {
        SeaTestClient observer = connect();
        observer.login("Obs", "O");
        SeaTestClient flooder = connect("127.0.0.2");
        flooder.login("Flood", "F");
        observer.expect("02 " + id(flooder) + " 05 46 6c 6f 6f 64 01 46");
        byte[] msg = bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c");
        String delivered = "04 " + id(flooder) + " 00 00 00 00 06 48 69 20 61 6c 6c 00";
        for (int i = 0; i < 8; i++) {
            flooder.send(msg);
        }
        observer.expect(delivered);
        observer.expect(delivered);
        for (int i = 3; i <= 8; i++) {
            // Throttled: the next message waits for the 2 s pause.
            clock.advance(Duration.ofSeconds(2));
            sweeper.sweep();
            observer.expect(delivered);
        }
        observer.expect("03 " + id(flooder));
        // the flooder got its own 8 group messages back (§9.1), then the close
        flooder.expect(bytes(String.join(" ", java.util.Collections.nCopies(8, delivered))));
        flooder.expectClosed();
        assertThat(admin.bans()).extracting(b -> b.text()).containsExactly("127.0.0.2");
        SeaTestClient again = connect("127.0.0.2");
        again.expectClosed();
        clock.advance(Duration.ofSeconds(60));
        sweeper.sweep();
        await().until(() -> admin.bans().isEmpty());
        connect("127.0.0.2").login("Back", "B");
    }

    // ---------------------------------------------------------------- admission (§12)

    @Test
    void admission_whenAddressBanned_thenClosedWithoutBytesUntilUnbanned() throws IOException {
        admin.ban("127.0.0.3", null, false);
        SeaTestClient banned = connect("127.0.0.3");
        banned.send(bytes("00 00 0b 01 05 41 6c 69 63 65 03 50 43 31"));
        banned.expectClosed();
        assertThat(admin.unban("127.0.0.3")).isTrue();
        connect("127.0.0.3").login("Alice", "PC1");
    }

    @Test
    void admission_whenClassMaxConnsReached_thenNextConnectionClosed() throws IOException {
        SeaTestClient first = connect("127.0.0.4");
        first.login("One", "A");
        SeaTestClient second = connect("127.0.0.4");
        second.expectClosed();
        connect("127.0.0.1").login("Other", "B");
    }

    // ---------------------------------------------------------------- timers (TV-23, §10.1)

    @Test
    void loginTimeout_whenNothingSent_thenClosedAfter30sNobodyNotified() throws IOException {
        SeaTestClient alice = connect();
        alice.login("Alice", "PC1");
        SeaTestClient silent = connect();
        await().until(() -> admin.sessions().size() == 2);
        clock.advance(Duration.ofSeconds(29));
        sweeper.sweep();
        alice.expectNothingMore();
        assertThat(admin.sessions()).hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        sweeper.sweep();
        silent.expectClosed();
        alice.expectNothingMore();
    }

    @Test
    void loginTimeout_whenConnectionClassSaysFiveSeconds_thenClosedAfter5s() throws IOException {
        SeaTestClient silent = connect("127.0.0.4");
        await().until(() -> admin.sessions().size() == 1);
        clock.advance(Duration.ofSeconds(6));
        sweeper.sweep();
        silent.expectClosed();
    }

    @Test
    void loginTimeout_whenLoggedInInTime_thenNotClosedLater() throws IOException {
        SeaTestClient c = connect();
        c.login("Alice", "PC1");
        clock.advance(Duration.ofSeconds(31));
        sweeper.sweep();
        c.expectNothingMore();
    }

    @Test
    void idle_whenVersion98Silent_thenOneForcedPongThenKillTv23() throws IOException {
        SeaTestClient observer = connect();
        observer.login("Obs", "O");
        observer.setVersion(102);
        SeaTestClient idle = connect();
        idle.login("Idle", "I");
        observer.expect("02 " + id(idle) + " 04 49 64 6c 65 01 49");
        idle.setVersion(98);
        idle.expectNothingMore();
        for (int t = 10; t <= 140; t += 10) {
            clock.advance(Duration.ofSeconds(10));
            sweeper.sweep();
            observer.expectNothingMore();
        }
        assertThat(idle.available()).isZero();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        idle.expect("05");
        clock.advance(Duration.ofSeconds(9));
        for (int t = 150; t <= 260; t += 10) {
            sweeper.sweep();
            observer.expectNothingMore();
            if (t < 260) {
                clock.advance(Duration.ofSeconds(10));
            }
        }
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        observer.expect("03 " + id(idle));
        idle.expectClosed();
    }

    @Test
    void idle_whenVersionBelow98_thenLimitsAre620And740() throws IOException {
        SeaTestClient idle = connect();
        idle.login("Old", "O");
        clock.advance(Duration.ofSeconds(620));
        sweeper.sweep();
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        idle.expect("05");
        clock.advance(Duration.ofSeconds(119));
        sweeper.sweep();
        assertThat(admin.sessions()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        idle.expectClosed();
    }

    // ---------------------------------------------------------------- administration (§15, TV-24)

    @Test
    void admin_whenKillWithBanTv24_thenAllSessionsFromThatAddressKilledInRosterOrder() throws IOException {
        SeaTestClient watcher = connect();
        watcher.login("W", "W");
        SeaTestClient five = connect("127.0.0.5");
        five.login("Five", "F");
        SeaTestClient six = connect("127.0.0.5");
        six.login("Six", "S");
        watcher.expect("02 " + id(five) + " 04 46 69 76 65 01 46");
        watcher.expect("02 " + id(six) + " 03 53 69 78 01 53");
        five.expect("02 " + id(six) + " 03 53 69 78 01 53");
        SeaAdministration.KillResult result = admin.kill(five.id(), true);
        assertThat(result.killed()).extracting(s -> s.id()).containsExactlyInAnyOrder(five.id(), six.id());
        assertThat(result.bansAdded()).extracting(b -> b.text()).containsExactly("127.0.0.5");
        // TV-24: roster order, Six logged in after Five
        watcher.expect("03 " + id(six) + " 03 " + id(five));
        five.expect("03 " + id(six));
        five.expectClosed();
        six.expectClosed();
    }

    @Test
    void admin_whenKillWithoutBan_thenOnlyThatSession() throws IOException {
        Fixture f = fixture();
        admin.kill(f.carol().id(), false);
        f.carol().expectClosed();
        f.alice().expect("03 " + id(f.carol()));
        assertThat(admin.bans()).isEmpty();
        assertThat(admin.sessions()).extracting(s -> s.id()).containsExactly(f.bob().id(), f.alice().id());
    }

    @Test
    void admin_whenBlacklistPatternAdded_thenMatchingLiveUserKilled() throws IOException {
        Fixture f = fixture();
        SeaAdministration.KillResult r = admin.addBlacklistPattern("b?b");
        assertThat(r.killed()).extracting(s -> s.username()).containsExactly("Bob");
        f.bob().expectClosed();
        f.alice().expect("03 " + id(f.bob()));
        assertThat(admin.blacklist()).contains("b?b");
        assertThat(admin.removeBlacklistPattern("b?b")).isTrue();
    }

    @Test
    void admin_whenArchiveUrlChanged_thenLinkReplyChanges() throws IOException {
        SeaTestClient c = connect();
        c.login("A", "B");
        admin.updateSettings(new SettingsChange(null, "http://x/", null, null, null));
        c.send(bytes("00 00 01 09"));
        c.expect("09 09 68 74 74 70 3a 2f 2f 78 2f");
        assertThatThrownBy(() -> admin.updateSettings(new SettingsChange(null, "h".repeat(256), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        admin.updateSettings(new SettingsChange(null, "http://example.org/archive/", null, null, null));
    }

    @Test
    void admin_whenSessionsListed_thenPendingAndLoggedInWithDetails() throws IOException {
        SeaTestClient a = connect();
        a.login("Alice", "PC1");
        a.setVersion(97);
        a.expectNothingMore();
        connect();
        await().until(() -> admin.sessions().size() == 2);
        var sessions = admin.sessions();
        assertThat(sessions.get(0).state()).isEqualTo("LOGGED_IN");
        assertThat(sessions.get(0).version()).isEqualTo(97);
        assertThat(sessions.get(0).room()).isEqualTo("312-a");
        assertThat(sessions.get(0).ip()).isEqualTo("127.0.0.1");
        assertThat(sessions.get(1).state()).isEqualTo("AWAITING_LOGIN");
    }

    @Test
    void malformed_whenTruncatedFrameThenClose_thenSessionRemovedAndOthersNotified() throws IOException {
        Fixture f = fixture();
        f.carol().send(bytes("00 00 0d 02 00 00 00 00 00 06 48 69 | 4 of 6 text bytes"));
        f.carol().close();
        f.alice().expect("03 " + id(f.carol()));
        f.bob().expect("03 " + id(f.carol()));
        f.alice().expectNothingMore();
    }

    @Test
    void halfClose_whenCompleteFramesArriveWithFin_thenProcessedBeforeClose() throws IOException {
        SeaTestClient alice = connect();
        alice.login("Alice", "PC1");
        java.net.Socket raw = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port());
        try (raw) {
            raw.getOutputStream().write(concat(bytes("00 00 05 01 01 5a 01 5a | login Z[Z]"),
                    bytes("00 00 09 02 00 00 00 00 00 02 79 6f | group yo")));
            raw.shutdownOutput();
            alice.expect(bytes("02")); // ADDUSER of Z, then its message, then its departure
            byte[] rest = alice.read(2 + 2 + 2 + 11 + 3);
            int z = ((rest[0] & 0xFF) << 8) | (rest[1] & 0xFF);
            assertThat(Hex.format(rest)).isEqualTo(Hex.format(bytes(String.format("%02x %02x", z >> 8, z & 0xFF)
                    + " 01 5a 01 5a 04 " + String.format("%02x %02x", z >> 8, z & 0xFF) + " 00 00 00 00 02 79 6f 00 03 "
                    + String.format("%02x %02x", z >> 8, z & 0xFF))));
        }
    }

    @Autowired
    dev.switchboard.core.listener.ListenerRegistry listeners;

    @Test
    void accept_whenClientConnects_thenServerSocketHasKeepAlive() throws IOException {
        SeaTestClient c = connect();
        c.login("K", "K");
        // §2.1: the reference enables SO_KEEPALIVE on client sockets.
        java.util.Collection<io.netty.channel.Channel> connections = listeners.find("sea").orElseThrow().connections();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(connections)
                .isNotEmpty()
                .allSatisfy(ch -> assertThat(ch.config().getOption(io.netty.channel.ChannelOption.SO_KEEPALIVE))
                        .isTrue()));
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void metrics_whenUsersLogInAndMessage_thenGaugesAndCountersMove() throws IOException {
        double groupBefore = meters.counter("switchboard.sea.messages", "protocol", "sea", "kind", "group").count();
        SeaTestClient a = connect();
        a.login("A", "A");
        SeaTestClient b = connect();
        b.login("B", "B");
        assertThat(meters.get("switchboard.sea.users").gauge().value()).isEqualTo(2.0);
        a.send(bytes("00 00 09 02 00 00 00 00 00 02 79 6f"));
        b.expect("04 " + id(a) + " 00 00 00 00 02 79 6f 00");
        // counted on the roster thread right after the writes were queued, so possibly after b read them
        await().until(() -> meters.counter("switchboard.sea.messages", "protocol", "sea", "kind", "group").count()
                == groupBefore + 1);
        assertThat(meters.get("switchboard.sea.logins").tag("outcome", "ok").counter().count()).isGreaterThan(0);
    }

    // ---------------------------------------------------------------- scale

    /**
     * The issue asks for 10,000 connections that never log in. Each costs two descriptors in this JVM
     * (client and server side), so the count is capped by the process's descriptor limit with room to
     * spare: {@code .ci/run} tries to raise the limit; on this workplace the hard limit of 20,000 gives 8,000.
     */
    private static int idleConnectionCount() {
        long limit = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        return (int) Math.min(10_000, (limit - 4_000) / 2);
    }

    @Test
    @Timeout(240)
    void connections_whenThousandsNeverLogIn_thenAllClosedByLoginTimeoutAndServerStillServes() throws IOException {
        int count = idleConnectionCount();
        assertThat(count).as("descriptor limit leaves room for a meaningful test").isGreaterThanOrEqualTo(2_000);
        List<SeaTestClient> idle = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            idle.add(connect());
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> admin.sessions().size() == count);
        SeaTestClient alive = connect();
        alive.login("Alive", "A");
        clock.advance(Duration.ofSeconds(31));
        sweeper.sweep();
        for (SeaTestClient c : idle) {
            c.expectClosed();
        }
        alive.expectNothingMore();
        assertThat(admin.sessions()).hasSize(1);
        for (SeaTestClient c : idle) {
            c.close();
        }
    }
}
