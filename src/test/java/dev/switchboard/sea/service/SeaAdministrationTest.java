package dev.switchboard.sea.service;

import dev.switchboard.sea.support.FakeSeaLink;

import dev.switchboard.sea.archiver.ArchiveSink;
import dev.switchboard.sea.archiver.ArchiverStatus;
import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.message.SeaRequest;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator API of §15 over an in-memory service; the "roster executor" runs tasks inline. */
class SeaAdministrationTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_234_567_890L));
    private final List<Integer> deleted = new ArrayList<>();
    private final SeaService service = new SeaService(clock, (message, recipients) -> {
        if (message instanceof dev.switchboard.sea.message.SeaServerMessage.DeleteUser d) {
            recipients.forEach(r -> deleted.add(d.id()));
        }
    }, SeaMetrics.NOOP, SeaSettings.defaults(""), BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null),
            new NameBlacklist(), List.of(), Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    private final List<String> records = new ArrayList<>();
    private final ArchiveSink sink = new ArchiveSink() {
        @Override
        public boolean offer(String record) {
            return records.add(record);
        }

        @Override
        public boolean offer(byte[] record) {
            return records.add(new String(record, StandardCharsets.ISO_8859_1));
        }

        @Override
        public ArchiverStatus status() {
            return new ArchiverStatus("tcp://10.0.0.2:9000", ArchiverStatus.State.CONNECTED, true, Instant.EPOCH, 0, 0,
                    0, 0, 0, null);
        }
    };
    private final SeaAdministration admin = new SeaAdministration(service, Runnable::run, () -> false,
            Duration.ofSeconds(5), sink);

    private SeaUser login(String ip, int port, String name) throws UnknownHostException {
        SeaUser u = service.accept(new FakeSeaLink(), InetAddress.getByName(ip), port);
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        service.handle(u, SeaRequest.exact(3 + n.length + 2, new Login(SeaBytes.of(n), SeaBytes.latin1("pc"))));
        return u;
    }

    @Test
    void killAndBan_whenIpPort_thenBansIpAndSweepKillsEverySessionFromItTv24() throws Exception {
        SeaUser four = login("10.1.1.1", 4000, "four");
        SeaUser five = login("10.1.1.2", 5001, "five");
        SeaUser six = login("10.1.1.2", 5002, "six");
        SeaAdministration.KillResult r = admin.killAndBan("10.1.1.2:5001", null);
        assertThat(r.bansAdded()).extracting(BanEntry::text).containsExactly("10.1.1.2");
        assertThat(r.killed()).extracting(SeaSessionInfo::id).containsExactlyInAnyOrder(five.id(), six.id());
        assertThat(four.loggedIn()).isTrue();
        // roster order (six logged in after five): six is deleted first, seen by five and four; then five, seen by four
        assertThat(deleted).containsExactly(six.id(), six.id(), five.id());
    }

    @Test
    void killAndBan_whenCidr_thenBlockBannedAndSessionsInsideKilled() throws Exception {
        SeaUser in = login("172.16.3.4", 1, "in");
        SeaUser out = login("10.0.0.1", 2, "out");
        SeaAdministration.KillResult r = admin.killAndBan("172.16.0.0/12", Duration.ofSeconds(90));
        assertThat(r.killed()).extracting(SeaSessionInfo::id).containsExactly(in.id());
        assertThat(out.loggedIn()).isTrue();
        assertThat(admin.bans()).extracting(BanEntry::text).contains("172.16.0.0/12");
    }

    @Test
    void killAndBan_whenPattern_thenAddedToBlacklistMatchingKilledAndBanned() throws Exception {
        SeaUser bad = login("10.0.0.5", 1, "spammer");
        SeaUser good = login("10.0.0.6", 2, "alice");
        SeaAdministration.KillResult r = admin.killAndBan("spam*", null);
        assertThat(r.patternAdded()).isTrue();
        assertThat(r.killed()).extracting(SeaSessionInfo::id).containsExactly(bad.id());
        assertThat(r.bansAdded()).extracting(BanEntry::text).containsExactly("10.0.0.5");
        assertThat(good.loggedIn()).isTrue();
        assertThat(admin.blacklist()).containsExactly("spam*");
    }

    @Test
    void killAndBan_whenId_thenThatSessionKilledAndItsAddressBanned() throws Exception {
        SeaUser u = login("10.0.0.9", 1, "x");
        SeaAdministration.KillResult r = admin.killAndBan(Integer.toString(u.id()), null);
        assertThat(r.killed()).extracting(SeaSessionInfo::id).containsExactly(u.id());
        assertThat(r.bansAdded()).extracting(BanEntry::text).containsExactly("10.0.0.9");
    }

    @Test
    void unban_whenExactBlock_thenRemovedOtherwiseFalse() {
        admin.ban("10.0.0.0/8", null, false);
        assertThat(admin.unban("10.0.0.1")).isFalse();
        assertThat(admin.unban("10.0.0.0/8")).isTrue();
        assertThat(admin.bans()).isEmpty();
    }

    @Test
    void updateSettings_whenBanTimeoutBelowFloor_thenRaised() {
        SeaAdministration.Settings s = admin.updateSettings(
                new SeaAdministration.SettingsChange(true, "http://a/", 7, 20, Duration.ofSeconds(5)));
        assertThat(s.strict()).isTrue();
        assertThat(s.archiveUrl()).isEqualTo("http://a/");
        assertThat(s.floodThreshold()).isEqualTo(7);
        assertThat(s.defaultMaxPenaltySeconds()).isEqualTo(20);
        assertThat(s.banTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(s.archiver()).isEqualTo("tcp://10.0.0.2:9000");
        assertThat(s.archiverState()).isEqualTo("CONNECTED");
        assertThat(s.logLevel()).isIn("INFO", "DEBUG", "TRACE");
    }

    @Test
    void broadcastAltServer_whenBareNumber_thenRejected() {
        assertThatThrownBy(() -> admin.broadcastAltServer("13")).isInstanceOf(IllegalArgumentException.class);
        assertThat(admin.broadcastAltServer("10.0.0.1")).isZero();
    }

    @Test
    void sessions_whenPendingAndLoggedIn_thenBothListedAndKillWithoutBan() throws Exception {
        SeaUser u = login("10.0.0.9", 1, "x");
        service.accept(new FakeSeaLink(), InetAddress.getByName("10.0.0.8"), 2);
        assertThat(admin.sessions()).extracting(SeaSessionInfo::state).containsExactly("LOGGED_IN", "AWAITING_LOGIN");
        assertThat(admin.session(u.id())).isPresent();
        assertThat(admin.kill(u.id(), false).killed()).hasSize(1);
        assertThat(admin.bans()).isEmpty();
        assertThat(admin.session(u.id())).isEmpty();
    }

    @Test
    void dumpToArchiver_whenSessionTv21_thenUserInfoRecordExact() throws Exception {
        SeaUser alice = service.accept(new FakeSeaLink(), InetAddress.getByName("192.168.0.5"), 1025);
        service.handle(alice, SeaRequest.exact(11, new Login(SeaBytes.latin1("Alice"),
                SeaBytes.latin1("PC1"))));
        service.handle(alice, SeaRequest.exact(11, new SetUserInfo(1, SeaBytes.latin1("312-a"),
                SeaBytes.latin1("hi"), (byte) 97)));
        service.handle(alice, SeaRequest.exact(1, new Away()));
        assertThat(admin.dumpToArchiver(Integer.toString(alice.id()))).isGreaterThanOrEqualTo(1);
        assertThat(records.get(0)).isEqualTo("USERINFO 2 " + alice.id() + " ip=192.168.0.5 port=1025 cmdlen=0 readlen=1"
                + " inbuf=0x0 faculty=1 room=312-a version=97 printer=0 away=1 max_penalty=10"
                + " penalty_timer=1234567893 last_activity=1234567890 usercomp=Alice[PC1]\nhi");
    }

    @Test
    void dumpToArchiver_whenBans_thenBanEntryRecords() {
        admin.ban("172.16.0.0/12", Duration.ofSeconds(60), false);
        admin.dumpToArchiver("bans");
        assertThat(records.get(0)).isEqualTo("BANENTRY 0 txtaddr=172.16.0.0/12 expire=1234567950\n");
        assertThatThrownBy(() -> admin.dumpToArchiver("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kill_whenSessionFromPlainIpv6Address_thenKilledCleanlyAndNoBanInsteadOfAnException() throws Exception {
        SeaUser v6 = login("2001:db8::7", 1, "six");
        SeaUser v4 = login("10.0.0.9", 2, "four");
        SeaAdministration.KillResult byId = admin.kill(v6.id(), true);
        assertThat(byId.killed()).extracting(SeaSessionInfo::id).containsExactly(v6.id());
        assertThat(byId.bansAdded()).isEmpty();
        SeaUser again = login("2001:db8::8", 3, "evil");
        SeaAdministration.KillResult byPattern = admin.killAndBan("evil", null);
        // The sweep bans each victim's address; an IPv6 victim is killed without a ban and the sweep goes on.
        assertThat(byPattern.killed()).extracting(SeaSessionInfo::id).containsExactly(again.id());
        assertThat(admin.bans()).isEmpty();
        assertThat(v4.loggedIn()).isTrue();
    }
}
