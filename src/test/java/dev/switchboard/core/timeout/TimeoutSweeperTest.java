package dev.switchboard.core.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.netty.channel.DefaultEventLoop;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeoutSweeperTest {

    private final MutableClock clock = new MutableClock();
    private final TimeoutSweeper sweeper = new TimeoutSweeper(clock);

    @Test
    void sweep_whenDeadlinePassed_thenFiresOnceAndUnregisters() {
        Instant deadline = clock.instant().plusSeconds(30);
        List<Instant> fired = new ArrayList<>();
        sweeper.register(now -> {
            if (now.isBefore(deadline)) {
                return true;
            }
            fired.add(now);
            return false;
        });

        sweeper.sweep();
        clock.advance(Duration.ofSeconds(29));
        sweeper.sweep();
        assertThat(fired).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        sweeper.sweep();
        sweeper.sweep();
        assertThat(fired).containsExactly(deadline);
        assertThat(sweeper.size()).isZero();
    }

    @Test
    void sweep_whenRegistrationClosed_thenNeverFires() {
        List<Instant> fired = new ArrayList<>();
        TimeoutSweeper.Registration registration = sweeper.register(now -> fired.add(now));
        registration.close();
        sweeper.sweep();
        assertThat(fired).isEmpty();
    }

    @Test
    void sweep_whenCheckThrows_thenOthersStillRunAndFailingOneIsDropped() {
        List<Instant> fired = new ArrayList<>();
        sweeper.register(now -> {
            throw new IllegalStateException("broken");
        });
        sweeper.register(now -> fired.add(now));
        sweeper.sweep();
        sweeper.sweep();
        assertThat(fired).hasSize(2);
        assertThat(sweeper.size()).isEqualTo(1);
    }

    @Test
    void sweep_whenRegisteredWithAnOwner_thenCheckedOnTheOwnerInOneTaskPerSweep() throws Exception {
        DefaultEventLoop owner = new DefaultEventLoop();
        try {
            List<Thread> checkedOn = new CopyOnWriteArrayList<>();
            sweeper.register(owner, now -> checkedOn.add(Thread.currentThread()));
            sweeper.register(owner, now -> checkedOn.add(Thread.currentThread()));
            Thread ownerThread = owner.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            sweeper.sweep();

            await().atMost(Duration.ofSeconds(10)).until(() -> checkedOn.size() == 2);
            assertThat(checkedOn).containsOnly(ownerThread);
            assertThat(owner.pendingTasks()).isZero();
        } finally {
            owner.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void sweep_whenTheOwnerHasShutDown_thenItsDeadlinesAreDropped() throws Exception {
        DefaultEventLoop owner = new DefaultEventLoop();
        owner.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        sweeper.register(owner, now -> true);

        sweeper.sweep();

        assertThat(sweeper.size()).isZero();
    }
    @Test
    void sweep_whenTheOwnerIsBusy_thenAtMostOneCheckWaitsForItAndItReadsTheClockWhenItRuns() throws Exception {
        DefaultEventLoop owner = new DefaultEventLoop();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Instant> checkedAt = new CopyOnWriteArrayList<>();
            sweeper.register(owner, now -> checkedAt.add(now));
            owner.execute(() -> {
                started.countDown();
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            sweeper.sweep();
            sweeper.sweep();
            sweeper.sweep();
            assertThat(owner.pendingTasks()).as("one check queued behind the busy task").isEqualTo(1);
            clock.advance(Duration.ofSeconds(5));
            busy.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> checkedAt.size() == 1);
            assertThat(checkedAt).containsExactly(clock.instant());
            sweeper.sweep();
            await().atMost(Duration.ofSeconds(10)).until(() -> checkedAt.size() == 2);
        } finally {
            busy.countDown();
            owner.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
