package dev.switchboard.rooms.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.service.Heartbeat.Action;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Heartbeat heartbeat = new Heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(10), t0);

    @Test
    void check_whenIntervalNotElapsed_thenNone() {
        assertThat(heartbeat.check(t0.plusSeconds(29))).isEqualTo(Action.NONE);
    }

    @Test
    void check_whenIntervalElapsed_thenPingOnce() {
        assertThat(heartbeat.check(t0.plusSeconds(30))).isEqualTo(Action.PING);
        assertThat(heartbeat.check(t0.plusSeconds(31))).isEqualTo(Action.NONE);
        assertThat(heartbeat.nextDue()).isEqualTo(t0.plusSeconds(40));
        assertThat(heartbeat.check(t0.plusSeconds(40))).isEqualTo(Action.EXPIRED);
    }

    @Test
    void check_whenPongArrives_thenNextPingOneIntervalLater() {
        heartbeat.check(t0.plusSeconds(30));
        heartbeat.pongReceived();
        assertThat(heartbeat.check(t0.plusSeconds(45))).isEqualTo(Action.NONE);
        assertThat(heartbeat.check(t0.plusSeconds(60))).isEqualTo(Action.PING);
    }

    @Test
    void check_whenPongMissingForTimeout_thenExpired() {
        heartbeat.check(t0.plusSeconds(30));
        assertThat(heartbeat.check(t0.plusSeconds(39))).isEqualTo(Action.NONE);
        assertThat(heartbeat.check(t0.plusSeconds(40))).isEqualTo(Action.EXPIRED);
    }

    @Test
    void nextDue_whenIdleThenAwaiting_thenIntervalThenTimeoutDeadline() {
        assertThat(heartbeat.nextDue()).isEqualTo(t0.plusSeconds(30));
        heartbeat.check(t0.plusSeconds(31));
        assertThat(heartbeat.nextDue()).isEqualTo(t0.plusSeconds(41));
        heartbeat.pongReceived();
        assertThat(heartbeat.nextDue()).isEqualTo(t0.plusSeconds(61));
    }

    @Test
    void check_whenIntervalZero_thenDisabled() {
        Heartbeat off = new Heartbeat(Duration.ZERO, Duration.ofSeconds(1), t0);
        assertThat(off.check(t0.plus(Duration.ofDays(1)))).isEqualTo(Action.NONE);
        assertThat(off.nextDue()).isEqualTo(Instant.MAX);
    }
}
