package dev.switchboard.console.service;

import dev.switchboard.core.admin.AuditLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The most recent audit entries, oldest dropped first, fed by {@link AuditLog} as each line is written;
 * the console shows them without reading log files.
 */
public final class AuditRing implements AuditLog.Listener {

    private final int capacity;
    private final Deque<AuditLog.Entry> entries;

    public AuditRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    @Override
    public synchronized void audited(AuditLog.Entry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The kept entries, newest first. */
    public synchronized List<AuditLog.Entry> recent() {
        List<AuditLog.Entry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
