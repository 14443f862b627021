package dev.switchboard.http.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what lookups of the static root found, as nginx's {@code open_file_cache} does: the
 * confined real path, length, modification time and derived header values of each file asked for,
 * and the bytes themselves of small files, so a request for a known file costs no {@code realpath},
 * {@code stat}, {@code open} or read.
 *
 * <p>An entry is trusted for {@code valid} after it was last checked; the next request after that
 * looks the file up again through the wrapped content, with every confinement check it makes, and
 * replaces or drops the entry if the file changed or went away. So a changed or deleted file is
 * seen at most {@code valid} late. Only files found are remembered (a miss costs no entry, so
 * requests for names that do not exist cannot crowd out the ones that do).
 *
 * <p>Bounded by {@code maxEntries} and by {@code maxBytes} of held content. When either bound is
 * passed, entries are evicted in second-chance (CLOCK) order: an entry used since the hand last
 * passed it is spared once. Lookups of cached entries take no lock; inserts and evictions take one.
 * Safe for use from every event loop at once.
 */
public final class OpenFileCache implements StaticContent {

    private final StaticContent source;
    private final int maxEntries;
    private final long maxBytes;
    private final long maxFileSize;
    private final long validMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Object evictionLock = new Object();
    /** Position of the eviction hand; guarded by {@code evictionLock}. */
    private Iterator<Entry> hand;
    /** Bytes of content held; guarded by {@code evictionLock}. */
    private long heldBytes;

    /**
     * Caches lookups of {@code source}: at most {@code maxEntries} files and {@code maxBytes} of
     * held content, holding the bytes of files up to {@code maxFileSize}, each trusted for
     * {@code valid} (zero checks the file on every request) by the time of {@code clock}.
     */
    public OpenFileCache(StaticContent source, int maxEntries, long maxBytes, long maxFileSize, Duration valid,
            Clock clock) {
        if (maxEntries < 1 || maxBytes < 0 || maxFileSize < 0 || valid.isNegative()) {
            throw new IllegalArgumentException("invalid open-file cache bounds");
        }
        this.source = source;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxFileSize = Math.min(maxFileSize, maxBytes);
        this.validMillis = valid.toMillis();
        this.clock = clock;
    }

    @Override
    public Lookup find(List<String> segments, boolean trailingSlash) {
        String key = trailingSlash ? String.join("/", segments) + "/" : String.join("/", segments);
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry == null) {
            return load(key, source.find(segments, trailingSlash), now);
        }
        long age = now - entry.checkedAt;
        if (age >= 0 && age < validMillis) {
            if (!entry.used) {
                entry.used = true;
            }
            return entry.served;
        }
        Lookup fresh = source.find(segments, trailingSlash);
        if (fresh instanceof Found found && sameFile(found.resource(), entry.origin)) {
            entry.checkedAt = now;
            entry.used = true;
            return entry.served;
        }
        remove(entry);
        return load(key, fresh, now);
    }

    /** Number of files remembered. */
    public int size() {
        return entries.size();
    }

    /** Bytes of file content held in memory. */
    public long heldBytes() {
        synchronized (evictionLock) {
            return heldBytes;
        }
    }

    private Lookup load(String key, Lookup fresh, long now) {
        if (!(fresh instanceof Found found)) {
            return fresh;
        }
        StaticResource resource = found.resource();
        Found served = found;
        long held = 0;
        if (resource.length() > 0 && resource.length() <= maxFileSize) {
            ByteBuffer content = read(resource);
            if (content == null) {
                // Changing while read: serve it as found and look again next time.
                return found;
            }
            served = new Found(resource.withBody(new StaticResource.BytesBody(content)));
            held = resource.length();
        }
        Entry entry = new Entry(key, resource, served, held, now);
        insert(entry);
        return served;
    }

    /**
     * The whole content as a read-only direct buffer (sockets write it without a copy), or null
     * when the file no longer has the length the lookup found or no direct memory is left for it.
     */
    private static ByteBuffer read(StaticResource resource) {
        byte[] bytes;
        try (InputStream in = open(resource.body())) {
            bytes = in.readNBytes((int) resource.length() + 1);
        } catch (IOException e) {
            return null;
        }
        if (bytes.length != resource.length()) {
            return null;
        }
        try {
            return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        } catch (OutOfMemoryError e) {
            // The process's direct-memory limit is reached (max-bytes set above what it leaves free):
            // the file is served from disk, as an uncached one is, rather than failing the request.
            return null;
        }
    }

    private static InputStream open(StaticResource.Body body) throws IOException {
        if (body instanceof StaticResource.FileBody file) {
            return Files.newInputStream(file.path());
        }
        if (body instanceof StaticResource.StreamBody stream) {
            return stream.opener().open();
        }
        throw new IOException("not a readable body: " + body);
    }

    /**
     * Whether a fresh lookup found the file an entry was made from: same length and modification
     * time (what the entity tag is made of), and for files the same real path. A classpath stream
     * has no path to compare; its opener is a new object on every lookup.
     */
    private static boolean sameFile(StaticResource fresh, StaticResource cached) {
        if (fresh.length() != cached.length() || !fresh.lastModified().equals(cached.lastModified())) {
            return false;
        }
        if (fresh.body() instanceof StaticResource.FileBody file) {
            return file.equals(cached.body());
        }
        return fresh.body().getClass() == cached.body().getClass();
    }

    private void insert(Entry entry) {
        synchronized (evictionLock) {
            Entry replaced = entries.put(entry.key, entry);
            if (replaced != null) {
                heldBytes -= replaced.heldBytes;
            }
            heldBytes += entry.heldBytes;
            evict(entry);
        }
    }

    private void remove(Entry entry) {
        synchronized (evictionLock) {
            if (entries.remove(entry.key, entry)) {
                heldBytes -= entry.heldBytes;
            }
        }
    }

    /** Evicts until both bounds hold, never {@code keep}; runs under {@code evictionLock}. */
    private void evict(Entry keep) {
        // Two sweeps clear every second chance, so this many steps always restore the bounds.
        int steps = 2 * entries.size() + 2;
        while ((entries.size() > maxEntries || heldBytes > maxBytes) && steps-- > 0) {
            if (hand == null || !hand.hasNext()) {
                hand = entries.values().iterator();
                if (!hand.hasNext()) {
                    return;
                }
            }
            Entry candidate = hand.next();
            if (candidate == keep) {
                continue;
            }
            if (candidate.used) {
                candidate.used = false;
                continue;
            }
            if (entries.remove(candidate.key, candidate)) {
                heldBytes -= candidate.heldBytes;
            }
        }
    }

    /** One remembered file. */
    private static final class Entry {
        final String key;
        /** What the lookup found, as the wrapped content describes it (compared on revalidation). */
        final StaticResource origin;
        /** What requests get: the origin, or the origin with its bytes in memory. */
        final Found served;
        final long heldBytes;
        /** Clock millis of the last lookup that confirmed this entry. */
        volatile long checkedAt;
        /** Second chance: set on use, cleared by the eviction hand; a lost update only shifts eviction order. */
        boolean used;

        Entry(String key, StaticResource origin, Found served, long heldBytes, long checkedAt) {
            this.key = key;
            this.origin = origin;
            this.served = served;
            this.heldBytes = heldBytes;
            this.checkedAt = checkedAt;
        }
    }
}
