package dev.switchboard.cluster;

import java.util.Optional;

/**
 * Small values that must outlive the gateway (operator state: bans, blacklist, settings), by key:
 * a file under {@code switchboard.cluster.data-dir} for {@code local}, a Redis key for {@code redis}.
 * Calls block briefly (a file write or one Redis round trip), so callers make them off the I/O and
 * roster threads.
 */
public interface DurableStore {

    /**
     * The value stored under a key.
     *
     * @param key letters, digits, '.', '_' and '-'
     * @throws DurableStoreException when the store cannot be read
     */
    Optional<String> get(String key);

    /**
     * Stores a value, replacing any other, atomically: a reader sees the old or the new value whole.
     *
     * @throws DurableStoreException when the store cannot be written
     */
    void put(String key, String value);

    /**
     * Stores a value only when the key holds none (after Redis lost its data, the first node to notice
     * writes its copy back and the others load that one).
     *
     * @return true if stored, false if the key already held a value
     * @throws DurableStoreException when the store cannot be written
     */
    boolean putIfAbsent(String key, String value);

    /** Where values are kept, for logs: a directory or a redacted Redis URL. */
    String location();
}
