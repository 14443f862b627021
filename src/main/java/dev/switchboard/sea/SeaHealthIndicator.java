package dev.switchboard.sea;

import dev.switchboard.core.budget.InputBudget;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether SEA can serve right now ({@code sea} in the readiness group). DOWN while the roster thread that
 * runs every SEA event is stalled (a probe task has waited longer than the stall timeout) or backlogged
 * (more queued events than the backlog limit). A full input budget is only a detail: SEA still serves
 * every frame below the large-input threshold, and a few senders holding large frames must not be able
 * to take the whole pod (HTTP and rooms included) out of its Service. The listener's own binding is the
 * {@code listeners} indicator's business. In a cluster also DOWN while this node's copy of the SEA roster is not
 * current (joining, or the backplane unreachable): it refuses new SEA sessions then.
 */
final class SeaHealthIndicator implements HealthIndicator {

    private final EventExecutor roster;
    private final InputBudget budget;
    private final long maxFrameLength;
    private final Duration stallTimeout;
    private final int backlogLimit;
    private final BooleanSupplier rosterSynced;
    /** System.nanoTime() when the outstanding probe was queued; 0 while none is outstanding. */
    private final AtomicLong probeQueuedAt = new AtomicLong();

    SeaHealthIndicator(EventExecutor roster, InputBudget budget, long maxFrameLength, Duration stallTimeout,
                       int backlogLimit) {
        this(roster, budget, maxFrameLength, stallTimeout, backlogLimit, () -> true);
    }

    SeaHealthIndicator(EventExecutor roster, InputBudget budget, long maxFrameLength, Duration stallTimeout,
                       int backlogLimit, BooleanSupplier rosterSynced) {
        this.rosterSynced = rosterSynced;
        this.roster = roster;
        this.budget = budget;
        this.maxFrameLength = maxFrameLength;
        this.stallTimeout = stallTimeout;
        this.backlogLimit = backlogLimit;
    }

    @Override
    public Health health() {
        int backlog = roster instanceof SingleThreadEventExecutor single ? single.pendingTasks() : 0;
        long waited = probeWaitNanos();
        boolean stalled = waited > stallTimeout.toNanos();
        boolean budgetExhausted = budget.cannotTake(maxFrameLength);
        boolean synced = rosterSynced.getAsBoolean();
        Health.Builder health = stalled || backlog > backlogLimit || !synced ? Health.down() : Health.up();
        return health.withDetail("inputBudgetReserved", budget.reserved())
                .withDetail("inputBudgetTotal", budget.total())
                .withDetail("inputBudgetExhausted", budgetExhausted)
                .withDetail("rosterBacklog", backlog)
                .withDetail("rosterStalled", stalled)
                .withDetail("rosterSynced", synced)
                .build();
    }

    /** How long the outstanding probe has waited; queues a new probe when none is outstanding. */
    private long probeWaitNanos() {
        long now = System.nanoTime();
        long queuedAt = probeQueuedAt.get();
        if (queuedAt != 0) {
            return now - queuedAt;
        }
        long stamp = now == 0 ? 1 : now;
        if (probeQueuedAt.compareAndSet(0, stamp)) {
            roster.execute(() -> probeQueuedAt.set(0));
        }
        return 0;
    }
}
