package dev.switchboard.sea;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaService;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.Executor;

/**
 * Runs {@link SeaService#tick} on every core sweep (ban expiry, login deadlines, throttle release, forced PONG,
 * idle kill, slow consumers): one registration for the whole server, checked on the roster executor that owns
 * all of that state.
 */
final class SeaHousekeeping implements DisposableBean {

    private final TimeoutSweeper.Registration registration;

    SeaHousekeeping(TimeoutSweeper sweeper, Executor roster, SeaService service) {
        this.registration = sweeper.register(roster, now -> {
            service.tick(now);
            return true;
        });
    }

    @Override
    public void destroy() {
        registration.close();
    }
}
