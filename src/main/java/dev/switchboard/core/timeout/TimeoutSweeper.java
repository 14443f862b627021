package dev.switchboard.core.timeout;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every registered deadline against the injected {@link Clock} on a fixed schedule. Time comes
 * only from the clock, so a test replaces it with a mutable one, moves it and calls {@link #sweep()}
 * instead of waiting.
 */
public final class TimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(TimeoutSweeper.class);

    private final Clock clock;
    private final Set<Expirable> registered = ConcurrentHashMap.newKeySet();

    public TimeoutSweeper(Clock clock) {
        this.clock = clock;
    }

    /** Registers {@code expirable} until it returns false or the registration is closed. */
    public Registration register(Expirable expirable) {
        registered.add(expirable);
        return () -> registered.remove(expirable);
    }

    /** Number of live registrations (for tests and metrics). */
    public int size() {
        return registered.size();
    }

    /** Runs one check of every deadline; safe to call from any thread, including concurrently. */
    public void sweep() {
        var now = clock.instant();
        for (Expirable expirable : registered) {
            boolean keep;
            try {
                keep = expirable.checkExpiry(now);
            } catch (RuntimeException e) {
                log.error("Timeout check failed; dropping it", e);
                keep = false;
            }
            if (!keep) {
                registered.remove(expirable);
            }
        }
    }

    /** Handle that cancels a registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
