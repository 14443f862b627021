package dev.switchboard.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} engine's {@link DurableStore}: one file {@code <key>.json} per key in the data
 * directory, created on demand. A write goes to a temporary file in the same directory, is forced to
 * disk and then renamed over the old file atomically, so a crash leaves the old value or the new one,
 * never half of one. A directory that cannot be created or written is reported once at WARN (again
 * only after a write succeeded in between), by this class, so callers log its exceptions at debug; the
 * gateway keeps running on what it holds in memory.
 */
final class LocalFileStore implements DurableStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStore.class);
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Path directory;
    private final Object lock = new Object();
    private boolean failureReported;

    LocalFileStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public Optional<String> get(String key) {
        Path file = file(key);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failed("cannot read " + file + ": " + e, e);
        }
    }

    @Override
    public void put(String key, String value) {
        Path file = file(key);
        synchronized (lock) {
            Path temp = null;
            try {
                Files.createDirectories(directory);
                temp = Files.createTempFile(directory, "." + key + ".", ".tmp");
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
                move(temp, file);
                temp = null;
                failureReported = false;
            } catch (IOException e) {
                throw failed("cannot write " + file + ": " + e, e);
            } finally {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public boolean putIfAbsent(String key, String value) {
        synchronized (lock) {
            if (get(key).isPresent()) {
                return false;
            }
            put(key, value);
            return true;
        }
    }

    @Override
    public String location() {
        return directory.toString();
    }

    /**
     * Checks at startup that the directory can be created and written, so an operator learns at once
     * (one WARN) that operator state will not survive a restart, not at the first ban.
     */
    void checkWritable() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            failed("cannot write " + directory + ": " + e, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // both files are in one directory, so only an exotic file system gets here
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path file(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("store key must be 1 to 100 letters, digits, '.', '_' or '-': " + key);
        }
        return directory.resolve(key + ".json");
    }

    private DurableStoreException failed(String message, IOException cause) {
        synchronized (lock) {
            if (!failureReported) {
                failureReported = true;
                log.warn("Durable operator state (bans, blacklist, settings) {}; it is kept in memory only and will not"
                        + " survive a restart until switchboard.cluster.data-dir can be written", message);
            } else {
                log.debug("Durable operator state still failing: {}", message);
            }
        }
        return new DurableStoreException(message, cause);
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.debug("could not delete {}: {}", temp, e.toString());
            }
        }
    }
}
