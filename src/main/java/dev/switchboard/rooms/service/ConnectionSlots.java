package dev.switchboard.rooms.service;

import java.util.concurrent.atomic.AtomicInteger;

/** A bounded count of open rooms connections (spec §8 "connections: configurable; refuse politely"). */
public final class ConnectionSlots {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    public ConnectionSlots(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all are in use. */
    public boolean tryAcquire() {
        while (true) {
            int current = used.get();
            if (current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        used.decrementAndGet();
    }

    /** The most slots that can be in use at once. */
    public int max() {
        return max;
    }
}
