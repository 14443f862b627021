package dev.switchboard.example.codec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory every example connection together may hold for lines whose LF has not arrived yet. A
 * connection reserves what its partial line grows to and gives it back when the line completes or the
 * connection ends, so the total stays below the limit however many connections hold half a line.
 */
public final class PartialLineBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public PartialLineBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Reserves {@code bytes} if the total stays within the limit; safe from any thread. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long current = held.get();
            if (current + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #tryReserve} took. */
    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes currently reserved by all connections. */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
