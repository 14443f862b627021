package dev.switchboard.rooms.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's recent {@code "<nick>: <text>"} lines, bounded by line count and total bytes (spec §7.5), oldest first.
 * Not thread-safe: the owning {@link Room} guards it with its lock; the two size getters are safe to read anywhere.
 */
public final class RoomHistory {

    private final int maxLines;
    private final int maxBytes;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private volatile int lineCount;
    private volatile int byteCount;

    public RoomHistory(int maxLines, int maxBytes) {
        if (maxLines < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("history bounds must not be negative");
        }
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Appends a line, evicting the oldest until both bounds hold; a line larger than the byte bound is not kept. */
    public void append(byte[] line) {
        if (maxLines == 0 || line.length > maxBytes) {
            return;
        }
        lines.addLast(line.clone());
        int bytes = byteCount + line.length;
        while (lines.size() > maxLines || bytes > maxBytes) {
            bytes -= lines.removeFirst().length;
        }
        byteCount = bytes;
        lineCount = lines.size();
    }

    /** Copies of the retained lines, oldest first. */
    public List<byte[]> lines() {
        List<byte[]> copy = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            copy.add(line.clone());
        }
        return copy;
    }

    public int lineCount() {
        return lineCount;
    }

    public int byteCount() {
        return byteCount;
    }
}
