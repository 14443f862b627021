package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloodPolicyTest {

    @Test
    void referenceDefault_whenRead_thenThresholdSixBanFloorSixtyPauseTwo() {
        assertThat(FloodPolicy.REFERENCE_DEFAULT.floodThreshold()).isEqualTo(6);
        assertThat(FloodPolicy.REFERENCE_DEFAULT.banTimeoutFloor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(FloodPolicy.THROTTLE_PAUSE).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @CsvSource({"-5, 3", "0, 3", "2, 3", "3, 3", "4, 4", "6, 6", "100, 100"})
    void new_whenThresholdBelowThree_thenRaisedToThree(int configured, int effective) {
        FloodPolicy policy = new FloodPolicy(configured);

        assertThat(policy.floodThreshold()).isEqualTo(effective);
        // the floor uses the constant 10, not a class's maxPenalty (§11.3)
        assertThat(policy.banTimeoutFloor()).isEqualTo(Duration.ofSeconds(effective * 10L));
    }

    @Test
    void newMeter_whenClassGiven_thenMeterUsesItsMaxPenaltyAndThisPolicy() {
        Instant accepted = Instant.ofEpochSecond(1_000);
        FloodPolicy policy = new FloodPolicy(4);

        FloodMeter meter = policy.newMeter(ConnectionClass.parse("10.0.0.0/8:30:5:25"), accepted);

        assertThat(meter.maxPenaltySeconds()).isEqualTo(25);
        assertThat(meter.policy()).isSameAs(policy);
        assertThat(meter.lastActivity()).isEqualTo(1_000);
    }
}
