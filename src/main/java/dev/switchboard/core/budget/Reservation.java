package dev.switchboard.core.budget;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One frame's share of the {@link InputBudget}: granted (release it when the frame is complete or the
 * connection closes), refused (nothing to release), or untracked (a small frame, nothing reserved).
 * Releasing is idempotent and safe from any thread (a close may race with the frame's completion).
 */
public final class Reservation {

    /** A frame below the threshold: nothing was reserved. */
    public static final Reservation UNTRACKED = new Reservation(null, null, 0, null);

    private final InputBudget budget;
    private final InetAddress address;
    private final long bytes;
    private final InputBudget.Refusal refusal;
    private final AtomicBoolean released = new AtomicBoolean();

    Reservation(InputBudget budget, InetAddress address, long bytes, InputBudget.Refusal refusal) {
        this.budget = budget;
        this.address = address;
        this.bytes = bytes;
        this.refusal = refusal;
    }

    /** Why the budget refused the frame, or null if it may be buffered. */
    public InputBudget.Refusal refusal() {
        return refusal;
    }

    /** Whether bytes are held in the budget until {@link #release()}. */
    public boolean holdsBytes() {
        return bytes > 0 && !released.get();
    }

    public long bytes() {
        return bytes;
    }

    /** Gives the bytes back; idempotent. */
    public void release() {
        if (bytes > 0 && released.compareAndSet(false, true)) {
            budget.release(address, bytes);
        }
    }
}
