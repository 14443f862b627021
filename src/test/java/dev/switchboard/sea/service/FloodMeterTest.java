package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FloodMeterTest {

    /** The spec's harness clock T (§17). */
    private static final Instant T = Instant.ofEpochSecond(1_234_567_890L);

    /** A short group message: L = 7 + msglen = 13 (§11.3 worked example). */
    private static final int SHORT_MESSAGE_L = 13;
    private static final int SHORT_MESSAGE_LEN = 6;

    private static FloodMeter meter(Instant acceptedAt) {
        return FloodPolicy.REFERENCE_DEFAULT.newMeter(ConnectionClass.REFERENCE_DEFAULT, acceptedAt);
    }

    @ParameterizedTest
    @CsvSource({
            "1, 1", "2, 1", "256, 1",
            "257, 2", "512, 2",
            "513, 3", "1024, 3",
            "1025, 4", "2048, 4",
            "2049, 5", "4096, 5",
            "4097, 6", "8192, 6",
            "8193, 7", "16384, 7",
            "16385, 8", "32768, 8",
            "32769, 9", "65536, 9",
            "65537, 10", "65542, 10", "70007, 10", "131072, 10",
            "131073, 11",
            "8388608, 16",
            "8388609, 17", "16777215, 17",
    })
    void basePenalty_whenFrameLength_thenMatchesSpecTable(int frameLength, int expected) {
        // §11.1 table: 1 up to 256, then ceil(log2(L)) − 7
        assertThat(FloodMeter.basePenalty(frameLength)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 16_777_216, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void basePenalty_whenLengthNotExpressible_thenIllegalArgument(int frameLength) {
        assertThatThrownBy(() -> FloodMeter.basePenalty(frameLength))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame length L must be 1-16777215");
    }

    @ParameterizedTest
    @CsvSource({
            // command, msglen, extra — §5.0 "Penalty" column
            "0, 0, 0", "3, 0, 0", "4, 0, 1", "5, 0, 1", "6, 0, 0", "7, 0, 1", "8, 0, 1", "9, 0, 0",
            "10, 0, 0", "11, 0, 0", "12, 0, 0", "13, 0, 0", "14, 0, 1", "15, 0, 0", "16, 0, 0",
            "17, 0, 0", "255, 0, 0",
            "2, 1, 8", "2, 65535, 8", "2, 0, 0",
            "1, 0, 0",
    })
    void extraPenalty_whenCommand_thenMatchesSpecColumn(int command, int msglen, int expected) {
        assertThat(FloodMeter.extraPenalty(command, msglen)).isEqualTo(expected);
    }

    @Test
    void extraPenalty_whenOutOfRange_thenIllegalArgument() {
        assertThatThrownBy(() -> FloodMeter.extraPenalty(256, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command code must be 0-255, got 256");
        assertThatThrownBy(() -> FloodMeter.extraPenalty(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FloodMeter.extraPenalty(2, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("msglen must be 0-65535");
        assertThatThrownBy(() -> FloodMeter.extraPenalty(2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isCharged_whenLogin_thenExemptAndEverythingElseCharged() {
        assertThat(FloodMeter.isCharged(1)).isFalse();
        for (int command = 0; command <= 255; command++) {
            if (command != 1) {
                assertThat(FloodMeter.isCharged(command)).as("command %d", command).isTrue();
            }
        }
    }

    @Test
    void new_whenAccepted_thenPenaltyZeroAndLastActivityIsAcceptTime() {
        FloodMeter meter = meter(T);

        assertThat(meter.penaltyTimer()).isZero();
        assertThat(meter.lastActivity()).isEqualTo(T.getEpochSecond());
        assertThat(meter.maxPenaltySeconds()).isEqualTo(10);
        assertThat(meter.decide(T)).isEqualTo(FloodDecision.CONTINUE);
    }

    @Test
    void new_whenMaxPenaltyBelowTen_thenIllegalArgument() {
        assertThatThrownBy(() -> new FloodMeter(FloodPolicy.REFERENCE_DEFAULT, 9, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10 s");
        assertThatThrownBy(() -> new FloodMeter(null, 10, T)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FloodMeter(FloodPolicy.REFERENCE_DEFAULT, 10, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void charge_whenRepeatedLogin_thenNothingChanges() {
        // §5.2: a repeated #1 updates neither lastActivity nor the penalty
        FloodMeter meter = meter(T);

        assertThat(meter.charge(1, 9, T.plusSeconds(30))).isFalse();

        assertThat(meter.penaltyTimer()).isZero();
        assertThat(meter.lastActivity()).isEqualTo(T.getEpochSecond());
    }

    @Test
    void charge_whenSendMessageCode_thenIllegalArgumentPointingToChargeMessage() {
        FloodMeter meter = meter(T);

        assertThatThrownBy(() -> meter.charge(2, 13, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use chargeMessage");
        assertThatThrownBy(() -> meter.charge(300, 1, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meter.charge(3, 0, T)).isInstanceOf(IllegalArgumentException.class);
        assertThat(meter.penaltyTimer()).isZero();
    }

    @Test
    void charge_whenFirstCommand_thenTimerStartsAtNowPlusCost() {
        // TV-21: #4 (L = 11, cost 2) then #11 (cost 1) at T gives penalty_timer = T + 3
        FloodMeter meter = meter(T);

        assertThat(meter.charge(4, 11, T)).isTrue();
        meter.charge(11, 1, T);

        assertThat(meter.penaltyTimer()).isEqualTo(1_234_567_893L);
        assertThat(meter.lastActivity()).isEqualTo(1_234_567_890L);
        assertThat(meter.ahead()).isEqualTo(3);
    }

    @Test
    void charge_whenQuietLongerThanPenalty_thenPenaltyDecaysToNow() {
        FloodMeter meter = meter(T);
        meter.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, T);
        meter.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, T);
        assertThat(meter.penaltyTimer()).isEqualTo(T.getEpochSecond() + 18);

        meter.charge(3, 1, T.plusSeconds(100));

        assertThat(meter.penaltyTimer()).isEqualTo(T.getEpochSecond() + 101);
        assertThat(meter.ahead()).isEqualTo(1);
    }

    @Test
    void charge_whenQuietShorterThanPenalty_thenRemainingPenaltyCarriesOver() {
        FloodMeter meter = meter(T);
        meter.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, T);

        meter.charge(3, 1, T.plusSeconds(4));

        assertThat(meter.penaltyTimer()).isEqualTo(T.getEpochSecond() + 10);
        assertThat(meter.ahead()).isEqualTo(6);
    }

    @Test
    void charge_whenSubSecondClock_thenWholeSecondsUsed() {
        FloodMeter meter = meter(T);

        meter.charge(3, 1, T.plusMillis(999));

        assertThat(meter.lastActivity()).isEqualTo(T.getEpochSecond());
        assertThat(meter.penaltyTimer()).isEqualTo(T.getEpochSecond() + 1);
    }

    @ParameterizedTest
    @CsvSource({
            // §11.1 examples: command, L, msglen, cost
            "3, 1, 0, 1",           // PING
            "11, 1, 0, 1",          // AWAY
            "7, 20, 0, 2",          // short chat line
            "2, 13, 6, 9",          // short group message
            "2, 300, 293, 10",      // group message of L = 300
            "2, 70007, 100, 18",    // big message of L = 70 007
            "2, 7, 0, 1",           // zero-length message: base only (TV-19 j)
            "2, 70007, 0, 10",      // big frame but msglen = 0: still base only (§5.3 step 5)
            "14, 5, 0, 2",          // RENAME
            "5, 3, 0, 2",           // USERINFO_REQUEST
            "13, 3, 0, 1",          // reserved code: base only (§5.13)
            "200, 3, 0, 1",         // unknown code
    })
    void charge_whenSpecExample_thenCostMatches(int command, int frameLength, int msglen, long cost) {
        FloodMeter meter = meter(T);

        if (command == 2) {
            meter.chargeMessage(frameLength, msglen, T);
        } else {
            meter.charge(command, frameLength, T);
        }

        assertThat(meter.ahead()).isEqualTo(cost);
    }

    @Test
    void decide_whenAheadEqualsMaxPenalty_thenContinue() {
        FloodMeter meter = meter(T);
        for (int i = 0; i < 10; i++) {
            meter.charge(3, 1, T);
        }

        assertThat(meter.ahead()).isEqualTo(10);
        assertThat(meter.decide(T)).isEqualTo(FloodDecision.CONTINUE);
        assertThat(meter.isThrottled(T)).isFalse();
        assertThat(meter.resumeAt()).isEmpty();
    }

    @Test
    void decide_whenAheadAboveMaxPenalty_thenThrottleForExactlyTwoSeconds() {
        FloodMeter meter = meter(T);
        for (int i = 0; i < 11; i++) {
            meter.charge(3, 1, T);
        }
        Instant decidedAt = T.plusMillis(300);

        assertThat(meter.decide(decidedAt)).isEqualTo(FloodDecision.THROTTLE);
        assertThat(meter.resumeAt()).contains(decidedAt.plusSeconds(2));
        assertThat(meter.isThrottled(decidedAt.plusMillis(1999))).isTrue();
        assertThat(meter.isThrottled(decidedAt.plusSeconds(2))).isFalse();
    }

    @Test
    void decide_whenAheadOneBelowKillThreshold_thenThrottle() {
        FloodMeter meter = meter(T);
        for (int i = 0; i < 59; i++) {
            meter.charge(3, 1, T);
        }

        assertThat(meter.decide(T)).isEqualTo(FloodDecision.THROTTLE);
        meter.charge(3, 1, T);
        // ahead 60 = maxPenalty 10 × threshold 6: "≥" kills (§11.2)
        assertThat(meter.decide(T)).isEqualTo(FloodDecision.KILL_AND_BAN);
        assertThat(meter.resumeAt()).isEmpty();
    }

    @Test
    void decide_whenClassHasLargerMaxPenalty_thenThresholdsScale() {
        ConnectionClass generous = ConnectionClass.parse("192.168.0.0/24:7:2:180");
        FloodMeter meter = new FloodPolicy(3).newMeter(generous, T);
        for (int i = 0; i < 60; i++) {
            meter.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, T);
        }

        assertThat(meter.ahead()).isEqualTo(540);
        assertThat(meter.decide(T)).isEqualTo(FloodDecision.KILL_AND_BAN);
        FloodMeter calm = new FloodPolicy(3).newMeter(generous, T);
        for (int i = 0; i < 20; i++) {
            calm.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, T);
        }
        assertThat(calm.ahead()).isEqualTo(180);
        assertThat(calm.decide(T)).isEqualTo(FloodDecision.CONTINUE);
    }

    @Test
    void decide_whenCalmedDownAfterThrottle_thenContinueAndThrottleCleared() {
        FloodMeter meter = meter(T);
        for (int i = 0; i < 11; i++) {
            meter.charge(3, 1, T);
        }
        assertThat(meter.decide(T)).isEqualTo(FloodDecision.THROTTLE);

        meter.charge(3, 1, T.plusSeconds(5));

        assertThat(meter.decide(T.plusSeconds(5))).isEqualTo(FloodDecision.CONTINUE);
        assertThat(meter.resumeAt()).isEmpty();
    }

    /** One row of the §11.3 worked example: time offset, penaltyTimer offset, ahead, decision. */
    private record Row(long time, long penaltyTimer, long ahead, FloodDecision decision) {
    }

    /**
     * Feeds short group messages as fast as the server reads them: every THROTTLE delays the next frame by
     * {@code gapSeconds}, and a CONTINUE lets it be read at once.
     */
    private static List<Row> floodWithShortMessages(FloodMeter meter, int gapSeconds) {
        List<Row> rows = new ArrayList<>();
        Instant now = T;
        while (rows.isEmpty() || rows.get(rows.size() - 1).decision() != FloodDecision.KILL_AND_BAN) {
            meter.chargeMessage(SHORT_MESSAGE_L, SHORT_MESSAGE_LEN, now);
            FloodDecision decision = meter.decide(now);
            rows.add(new Row(now.getEpochSecond() - T.getEpochSecond(),
                    meter.penaltyTimer() - T.getEpochSecond(), meter.ahead(), decision));
            if (decision == FloodDecision.THROTTLE) {
                assertThat(meter.resumeAt()).contains(now.plus(FloodPolicy.THROTTLE_PAUSE));
                now = now.plusSeconds(gapSeconds);
            }
        }
        return rows;
    }

    @Test
    void decide_whenTv22ShortMessageFlood_thenEighthMessageKillsAndBansForSixtySeconds()
            throws UnknownHostException {
        // TV-22 / §11.3 worked example: maxPenalty 10, threshold 6, L = 13 costing 9 s, gaps exactly 2 s
        FloodMeter meter = meter(T);

        List<Row> rows = floodWithShortMessages(meter, 2);

        assertThat(rows).containsExactly(
                new Row(0, 9, 9, FloodDecision.CONTINUE),
                new Row(0, 18, 18, FloodDecision.THROTTLE),
                new Row(2, 27, 25, FloodDecision.THROTTLE),
                new Row(4, 36, 32, FloodDecision.THROTTLE),
                new Row(6, 45, 39, FloodDecision.THROTTLE),
                new Row(8, 54, 46, FloodDecision.THROTTLE),
                new Row(10, 63, 53, FloodDecision.THROTTLE),
                new Row(12, 72, 60, FloodDecision.KILL_AND_BAN));

        // the 8th message is delivered, then the IP is banned for banTimeout (60 s) and the session killed
        BanList bans = BanList.forPolicy(FloodPolicy.REFERENCE_DEFAULT, null);
        InetAddress sender = InetAddress.getByName("10.0.0.9");
        Instant killedAt = T.plusSeconds(12);
        BanEntry ban = bans.add(Ipv4Cidr.host(sender), killedAt);

        assertThat(ban.text()).isEqualTo("10.0.0.9");
        assertThat(ban.expiresAt()).isEqualTo(killedAt.plusSeconds(60));
        // a new connection from that IP within the next 60 s is refused …
        assertThat(bans.isBanned(sender, killedAt)).isTrue();
        assertThat(bans.isBanned(sender, killedAt.plusSeconds(59))).isTrue();
        assertThat(bans.expire(killedAt.plusSeconds(59))).isEmpty();
        // … and at expiry the next 1 s tick purges the ban and connections are accepted again
        assertThat(bans.expire(killedAt.plusSeconds(60))).containsExactly(ban);
        assertThat(bans.isBanned(sender, killedAt.plusSeconds(60))).isFalse();
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void decide_whenShortMessageFloodWithThreeSecondGaps_thenKillComesOneMessageLater() {
        // §11.3: "With 3-second gaps (the 1 s tick landing late) the kill comes one message later."
        List<Row> rows = floodWithShortMessages(meter(T), 3);

        assertThat(rows).hasSize(9);
        assertThat(rows.get(7)).isEqualTo(new Row(18, 72, 54, FloodDecision.THROTTLE));
        assertThat(rows.get(8)).isEqualTo(new Row(21, 81, 60, FloodDecision.KILL_AND_BAN));
    }

    @Test
    void decide_whenTv22PingFlood_thenThrottledAtEleventhAndSettlesWithoutKill() {
        FloodMeter meter = meter(T);
        Instant now = T;
        List<FloodDecision> firstSecond = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            meter.charge(3, 1, now);
            firstSecond.add(meter.decide(now));
        }
        // the 11th ping within one second makes ahead = 11 > 10 → throttled for 2 s
        assertThat(firstSecond.subList(0, 10)).containsOnly(FloodDecision.CONTINUE);
        assertThat(firstSecond.get(10)).isEqualTo(FloodDecision.THROTTLE);
        assertThat(meter.ahead()).isEqualTo(11);

        // keep pinging as fast as the server reads, for ten minutes of clock time
        int processedAfterPause = 0;
        long minAhead = Long.MAX_VALUE;
        long maxAhead = Long.MIN_VALUE;
        for (int pause = 0; pause < 300; pause++) {
            now = meter.resumeAt().orElseThrow();
            processedAfterPause = 0;
            FloodDecision decision;
            do {
                meter.charge(3, 1, now);
                decision = meter.decide(now);
                processedAfterPause++;
                minAhead = Math.min(minAhead, meter.ahead());
                maxAhead = Math.max(maxAhead, meter.ahead());
                assertThat(decision).isNotEqualTo(FloodDecision.KILL_AND_BAN);
            } while (decision == FloodDecision.CONTINUE);
            // after each pause the clock has caught up by 2 s, so exactly two pings get through
            assertThat(processedAfterPause).isEqualTo(2);
        }
        assertThat(minAhead).isEqualTo(10);
        assertThat(maxAhead).isEqualTo(11);
        assertThat(now).isEqualTo(T.plusSeconds(600));
    }
}
