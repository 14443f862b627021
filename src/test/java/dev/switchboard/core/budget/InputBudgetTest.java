package dev.switchboard.core.budget;

import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.sea.SeaProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputBudgetTest {

    private static final InetAddress A = address("10.0.0.1");
    private static final InetAddress B = address("10.0.0.2");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reserve_whenBelowThreshold_thenUntrackedAndNothingHeld() {
        InputBudget budget = new InputBudget(100, 50, 10);
        Reservation small = budget.reserve(A, 9);
        assertThat(small).isSameAs(Reservation.UNTRACKED);
        assertThat(small.refusal()).isNull();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void reserve_whenAddressShareFull_thenRefusedPerAddressAndOtherAddressesStillServed() {
        InputBudget budget = new InputBudget(100, 50, 10);
        Reservation first = budget.reserve(A, 30);
        assertThat(budget.reserve(A, 21).refusal()).isEqualTo(InputBudget.Refusal.PER_ADDRESS);
        assertThat(budget.reserve(B, 50).refusal()).isNull();
        assertThat(budget.reserved(A)).isEqualTo(30);
        first.release();
        first.release();
        assertThat(budget.reserved(A)).isZero();
        assertThat(budget.reserved()).isEqualTo(50);
        assertThat(budget.refusals(InputBudget.Refusal.PER_ADDRESS)).isEqualTo(1);
    }

    @Test
    void reserve_whenTotalFull_thenRefusedTotalUntilReleased() {
        InputBudget budget = new InputBudget(100, 50, 10);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        budget.bindTo(meters);
        Reservation a = budget.reserve(A, 50);
        budget.reserve(B, 50);
        Reservation refused = budget.reserve(address("10.0.0.3"), 10);
        assertThat(refused.refusal()).isEqualTo(InputBudget.Refusal.TOTAL);
        assertThat(refused.holdsBytes()).isFalse();
        refused.release();
        assertThat(budget.cannotTake(10)).isTrue();
        assertThat(meters.get("switchboard.input.budget.refused").tag("reason", "total").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("switchboard.input.budget.reserved").gauge().value()).isEqualTo(100);
        a.release();
        assertThat(budget.cannotTake(50)).isFalse();
        assertThat(budget.reserve(address("10.0.0.3"), 10).refusal()).isNull();
    }

    @Test
    void construct_whenThresholdAbovePerAddress_thenRejected() {
        assertThatThrownBy(() -> new InputBudget(100, 50, 60)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The defaults keep worst-case SEA input inside the default container: 768 MiB with the heap at 50 %
     * leaves about 384 MiB of direct memory (Netty's default cap is the heap's maximum). Netty's merge
     * cumulator can hold up to twice a frame's received bytes in capacity, one buffer is being copied at a
     * time (every SEA read is decoded on the one roster thread), and frames below the threshold are not
     * reserved but bounded by the listener's connection cap. That must stay within half of the direct
     * memory, leaving the other half to the other protocols and to output queues.
     */
    @Test
    void defaults_whenWorstCaseSeaInput_thenFitsTheChartsDirectMemoryWithRoomForOutput() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
        InputBudgetProperties budget = binder.bindOrCreate("switchboard.input-budget", InputBudgetProperties.class);
        SeaProperties sea = binder.bindOrCreate("switchboard.sea", SeaProperties.class);
        ListenerProperties listener = sea.effectiveListener();
        long mib = 1024 * 1024;
        long directMemory = 768 * mib / 4; // the chart's default: 25 % of the 768 MiB limit
        long maxFrame = sea.maxFrameLength().toBytes();

        long reservedFrames = 2 * budget.total().toBytes();
        long copyInProgress = 2 * maxFrame;
        long unreservedFrames = 2L * listener.maxConnections() * budget.largeInputThreshold().toBytes();
        long worstCase = reservedFrames + copyInProgress + unreservedFrames;

        // at least 32 MiB left for output queues even when every reserved frame doubles its capacity
        assertThat(worstCase).isLessThanOrEqualTo(directMemory - 32 * mib);
        // two maximal frames from one address are accepted, so a v102 client can send what the reference takes
        assertThat(budget.perAddress().toBytes()).isGreaterThanOrEqualTo(2 * maxFrame);
        // and one address's two maximal frames never exhaust the budget on their own
        assertThat(budget.total().toBytes()).isGreaterThanOrEqualTo(3 * maxFrame);
    }

    @Test
    void refusalToReport_whenRefusedManyTimesWithinTheInterval_thenOneReportPerIntervalCarryingTheCount() {
        InputBudget budget = new InputBudget(100, 50, 10, java.time.Duration.ofSeconds(60), java.time.Duration.ZERO);
        java.time.Instant t0 = java.time.Instant.ofEpochSecond(1_000_000);

        assertThat(budget.refusalToReport(t0)).hasValue(1);
        for (int i = 1; i <= 99; i++) {
            assertThat(budget.refusalToReport(t0.plusMillis(i * 500L))).isEmpty();
        }
        assertThat(budget.refusalToReport(t0.plusSeconds(60))).hasValue(100);
        assertThat(budget.refusalToReport(t0.plusSeconds(61))).isEmpty();
    }

    @Test
    void refusalToReport_whenIntervalZero_thenEveryRefusalReported() {
        InputBudget budget = new InputBudget(100, 50, 10);
        java.time.Instant now = java.time.Instant.ofEpochSecond(1_000_000);
        assertThat(budget.refusalToReport(now)).hasValue(1);
        assertThat(budget.refusalToReport(now)).hasValue(1);
    }

    @Test
    void properties_whenDefaults_thenOneRefusalReportPerMinute() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
        InputBudgetProperties budget = binder.bindOrCreate("switchboard.input-budget", InputBudgetProperties.class);
        assertThat(budget.refusalLogInterval()).isEqualTo(java.time.Duration.ofSeconds(60));
    }

    @Test
    void coolingDown_afterARefusalOfTheAddress_thenItsNewConnectionsAreRefusedUntilTheCooldownEnds() {
        InputBudget budget = new InputBudget(100, 50, 10, java.time.Duration.ZERO, java.time.Duration.ofSeconds(30));
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(budget.coolingDown(A, t0)).isFalse();
        budget.startCooldown(A, t0);
        assertThat(budget.coolingDown(A, t0.plusSeconds(29))).isTrue();
        assertThat(budget.coolingDown(B, t0.plusSeconds(29))).as("other addresses are not affected").isFalse();
        assertThat(budget.refusals(InputBudget.Refusal.COOLDOWN)).isEqualTo(1);
        assertThat(budget.coolingDown(A, t0.plusSeconds(30))).isFalse();
    }

    @Test
    void coolingDown_whenCooldownIsZero_thenNeverRefused() {
        InputBudget budget = new InputBudget(100, 50, 10);
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        budget.startCooldown(A, t0);
        assertThat(budget.coolingDown(A, t0)).isFalse();
    }
}
