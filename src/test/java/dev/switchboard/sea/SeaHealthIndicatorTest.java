package dev.switchboard.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.budget.InputBudget;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class SeaHealthIndicatorTest {

    private final DefaultEventExecutor roster = new DefaultEventExecutor();

    @AfterEach
    void stop() {
        roster.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void health_whenRosterThreadStuck_thenDownUntilItRunsAgain() throws InterruptedException {
        SeaHealthIndicator health = new SeaHealthIndicator(roster, new InputBudget(100, 50, 10), 50,
                Duration.ofNanos(1), 1000);
        await().until(() -> health.health().getStatus().equals(Status.UP));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        roster.execute(() -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stuck.await();
        health.health();   // queues a probe behind the stuck task
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("rosterStalled", true);
        release.countDown();
        await().until(() -> health.health().getStatus().equals(Status.UP));
    }

    @Test
    void health_whenClusterRosterNotSynced_thenDownUntilItIs() {
        java.util.concurrent.atomic.AtomicBoolean synced = new java.util.concurrent.atomic.AtomicBoolean(false);
        SeaHealthIndicator health = new SeaHealthIndicator(roster, new InputBudget(100, 50, 10), 50,
                Duration.ofSeconds(10), 1000, synced::get);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("rosterSynced", false);
        synced.set(true);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("rosterSynced", true);
    }

    @Test
    void health_whenBudgetCannotTakeAMaximalFrame_thenStillUpWithTheDetail() throws Exception {
        InputBudget budget = new InputBudget(100, 50, 10);
        SeaHealthIndicator health = new SeaHealthIndicator(roster, budget, 50, Duration.ofSeconds(10), 1000);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        var first = budget.reserve(InetAddress.getByName("10.0.0.1"), 30);
        assertThat(health.health().getDetails()).as("room for one more 50-byte frame")
                .containsEntry("inputBudgetExhausted", false);
        budget.reserve(InetAddress.getByName("10.0.0.2"), 30);
        assertThat(health.health().getStatus()).as("small frames are still served").isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("inputBudgetExhausted", true);
        first.release();
        assertThat(health.health().getDetails()).containsEntry("inputBudgetExhausted", false);
        assertThat(health.health().getDetails()).containsEntry("inputBudgetReserved", 30L);
    }
}
