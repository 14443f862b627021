package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capturing the SEA operator state and applying it to another service: what a restart or another node sees. */
class SeaOperatorStateTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));

    private SeaService service(List<String> configuredBlacklist) {
        return new SeaService(clock, (m, r) -> { }, SeaMetrics.NOOP, SeaSettings.defaults(""),
                BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null),
                new NameBlacklist(NameBlacklist.CaseFolding.ASCII, configuredBlacklist), List.of(),
                Duration.ofSeconds(30), new UserIdAllocator(), SeaArchive.NONE);
    }

    private SeaService configured() {
        SeaService source = service(List.of("*evil*"));
        Instant now = clock.instant();
        source.bans().addPermanent(Ipv4Cidr.parse("10.0.0.0/8"), now);
        source.bans().add(Ipv4Cidr.parse("192.168.1.7"), Duration.ofHours(2), now);
        source.bans().add(Ipv4Cidr.parse("172.16.0.0/12"), Duration.ofSeconds(5), now);
        source.blacklist().add("spam?");
        source.settings().strict(true);
        source.settings().archiveUrl("http://archive.example/");
        source.settings().floodPolicy(new FloodPolicy(9));
        source.defaultMaxPenaltySeconds(40);
        source.bans().setDefaultTimeout(Duration.ofMinutes(10));
        return source;
    }

    @Test
    void applyTo_whenCapturedFromAnotherService_thenThatServiceHoldsTheSameState() {
        SeaService source = configured();
        SeaOperatorState state = SeaOperatorState.capture(source, clock.instant());

        SeaService restarted = service(List.of());
        assertThat(state.applyTo(restarted, clock.instant(), false)).isEmpty();

        assertThat(restarted.bans().list()).isEqualTo(source.bans().list());
        assertThat(restarted.blacklist().list()).containsExactly("*evil*", "spam?");
        assertThat(restarted.settings().strict()).isTrue();
        assertThat(restarted.settings().archiveUrlText()).isEqualTo("http://archive.example/");
        assertThat(restarted.settings().floodPolicy().floodThreshold()).isEqualTo(9);
        assertThat(restarted.settings().defaultMaxPenaltySeconds()).isEqualTo(40);
        assertThat(restarted.bans().defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(SeaOperatorState.capture(restarted, clock.instant())).isEqualTo(state);
    }

    @Test
    void applyTo_whenBansExpiredMeanwhile_thenTheyAreNotRestored() {
        SeaService source = configured();
        SeaOperatorState state = SeaOperatorState.capture(source, clock.instant());
        clock.advance(Duration.ofSeconds(5));

        SeaService restarted = service(List.of());
        state.applyTo(restarted, clock.instant(), false);

        assertThat(restarted.bans().list()).extracting(BanEntry::text).containsExactly("192.168.1.7", "10.0.0.0/8");
        // an expired entry the housekeeping tick has not purged yet is not captured either
        assertThat(SeaOperatorState.capture(source, clock.instant()).bans()).hasSize(2);
    }

    @Test
    void applyTo_whenMerging_thenConfiguredEntriesStayAndWhenReplacing_thenOnlyTheStoredOnesRemain() {
        SeaOperatorState state = SeaOperatorState.capture(configured(), clock.instant());
        SeaService merged = service(List.of("configured*"));
        merged.bans().addPermanent(Ipv4Cidr.parse("203.0.113.0/24"), clock.instant());
        SeaService replaced = service(List.of("configured*"));
        replaced.bans().addPermanent(Ipv4Cidr.parse("203.0.113.0/24"), clock.instant());

        state.applyTo(merged, clock.instant(), false);
        state.applyTo(replaced, clock.instant(), true);

        assertThat(merged.bans().list()).extracting(BanEntry::text).contains("203.0.113.0/24", "10.0.0.0/8");
        assertThat(merged.blacklist().list()).containsExactly("configured*", "*evil*", "spam?");
        assertThat(replaced.bans().list()).extracting(BanEntry::text).doesNotContain("203.0.113.0/24").hasSize(3);
        assertThat(replaced.blacklist().list()).containsExactly("*evil*", "spam?");
    }

    @Test
    void applyTo_whenStoredEntriesAreInvalid_thenTheyAreSkippedAndNamed() {
        SeaOperatorState state = new SeaOperatorState(
                List.of(new SeaOperatorState.Ban("not-an-address", null), new SeaOperatorState.Ban("10.1.0.0/16", null)),
                List.of("ok*", "bad\\"), new SeaOperatorState.Settings(false, "x".repeat(300), 6, 10, 60));

        SeaService target = service(List.of());
        List<String> skipped = state.applyTo(target, clock.instant(), false);

        assertThat(skipped).hasSize(3).anySatisfy(s -> assertThat(s).startsWith("ban not-an-address"))
                .anySatisfy(s -> assertThat(s).startsWith("blacklist pattern bad\\"))
                .anySatisfy(s -> assertThat(s).startsWith("archive URL"));
        assertThat(target.bans().list()).extracting(BanEntry::text).containsExactly("10.1.0.0/16");
        assertThat(target.blacklist().list()).containsExactly("ok*");
    }
}
