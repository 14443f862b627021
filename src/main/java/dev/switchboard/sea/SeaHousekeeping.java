package dev.switchboard.sea;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaService;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.Executor;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@link SeaService#tick} on every core sweep (ban expiry, throttle release, forced PONG, idle
 * kill, slow consumers): one registration for the whole server, hopping onto the roster executor.
 */
final class SeaHousekeeping implements DisposableBean {

    private final TimeoutSweeper.Registration registration;
    /**
     * At most one tick queued at a time, so a busy roster thread never builds a backlog of ticks; the
     * queued tick uses the latest sweep's time.
     */
    private final AtomicReference<Instant> latest = new AtomicReference<>();

    SeaHousekeeping(TimeoutSweeper sweeper, Executor roster, SeaService service) {
        this.registration = sweeper.register(now -> {
            if (latest.getAndSet(now) == null) {
                roster.execute(() -> service.tick(latest.getAndSet(null)));
            }
            return true;
        });
    }

    @Override
    public void destroy() {
        registration.close();
    }
}
