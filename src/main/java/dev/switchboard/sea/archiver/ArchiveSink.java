package dev.switchboard.sea.archiver;

/**
 * Where the SEA service hands archive records (spec §13.4–§13.7), free of Netty types so that
 * {@code ..service..} code can depend on it and tests can use an in-memory fake. {@link ArchiverClient}
 * is the implementation.
 */
public interface ArchiveSink {

    /**
     * Offers one record built by {@link ArchiveRecords}; never blocks.
     *
     * @return {@code false} if the record was dropped at once (and counted)
     * @throws IllegalArgumentException if the string holds chars above U+00FF (not raw protocol bytes)
     */
    boolean offer(String record);

    /** Offers one record's raw bytes; the array must not be changed afterwards. */
    boolean offer(byte[] record);

    /** The sink's current state; {@code connected()} tells whether dumps (M12) reach an archiver now. */
    ArchiverStatus status();
}
