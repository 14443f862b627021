package dev.switchboard.core.timeout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one timer mechanism: checks every registered deadline against the injected {@link Clock} on a
 * fixed schedule. A deadline that guards state owned by an executor (a channel's event loop, the SEA roster) is
 * registered with that executor and checked ON it: each sweep hands every owner one task that checks all of its
 * deadlines, so no state is read from the sweeper's thread. An owner whose previous check has not run yet (a busy
 * or stalled thread) is not handed another one, so no backlog of checks builds up behind its work; the check reads
 * the clock when it runs, so a late check is never judged by a stale time. Time comes only from the clock, so a
 * test replaces it with a mutable one, moves it and calls {@link #sweep()} instead of waiting.
 */
public final class TimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(TimeoutSweeper.class);
    /** Deadlines with no owning executor: checked on the sweeper's own thread. */
    private static final Executor CALLER = Runnable::run;

    private final Clock clock;
    private final Set<Entry> registered = ConcurrentHashMap.newKeySet();
    /** Owners with a check queued and not yet run. */
    private final Set<Executor> checking = ConcurrentHashMap.newKeySet();

    public TimeoutSweeper(Clock clock) {
        this.clock = clock;
    }

    /** Registers {@code expirable}, checked on the sweeper's thread, until it returns false or is closed. */
    public Registration register(Expirable expirable) {
        return register(CALLER, expirable);
    }

    /**
     * Registers {@code expirable}, checked on {@code owner} (the executor that owns the state it reads), until
     * it returns false or the registration is closed.
     */
    public Registration register(Executor owner, Expirable expirable) {
        Entry entry = new Entry(owner, expirable);
        registered.add(entry);
        return () -> registered.remove(entry);
    }

    /** Number of live registrations (for tests and metrics). */
    public int size() {
        return registered.size();
    }

    /**
     * Runs one check of every deadline: those without an owner at once, the others as one task per owner. Safe
     * to call from any thread, including concurrently.
     */
    public void sweep() {
        Instant now = clock.instant();
        Map<Executor, List<Entry>> byOwner = new IdentityHashMap<>();
        for (Entry entry : registered) {
            byOwner.computeIfAbsent(entry.owner(), owner -> new ArrayList<>()).add(entry);
        }
        byOwner.forEach((owner, entries) -> {
            if (owner == CALLER) {
                check(entries, now);
                return;
            }
            if (!checking.add(owner)) {
                return;
            }
            try {
                owner.execute(() -> {
                    checking.remove(owner);
                    check(entries, clock.instant());
                });
            } catch (RejectedExecutionException ownerGone) {
                // The owner shut down, and with it everything its deadlines guarded.
                checking.remove(owner);
                entries.forEach(registered::remove);
            }
        });
    }

    private void check(List<Entry> entries, Instant now) {
        for (Entry entry : entries) {
            if (!registered.contains(entry)) {
                continue;
            }
            boolean keep;
            try {
                keep = entry.expirable().checkExpiry(now);
            } catch (RuntimeException e) {
                log.warn("Timeout check failed; dropping it", e);
                keep = false;
            }
            if (!keep) {
                registered.remove(entry);
            }
        }
    }

    /** One registration; identity equality, so the same expirable may be registered twice. */
    private static final class Entry {
        private final Executor owner;
        private final Expirable expirable;

        Entry(Executor owner, Expirable expirable) {
            this.owner = owner;
            this.expirable = expirable;
        }

        Executor owner() {
            return owner;
        }

        Expirable expirable() {
            return expirable;
        }
    }

    /** Handle that cancels a registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
