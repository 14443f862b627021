package dev.switchboard.http.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A servable file found below the root: its name (for the MIME type), length, modification time
 * and where its bytes come from.
 */
public record StaticResource(String fileName, long length, Instant lastModified, Body body) {

    /** Where the bytes of a resource are read from. */
    public sealed interface Body permits FileBody, StreamBody {
    }

    /** A regular file on a file system: can be sent with zero-copy transfer. */
    public record FileBody(Path path) implements Body {
    }

    /** A resource only readable as a stream (a classpath entry inside a jar). */
    public record StreamBody(StreamOpener opener) implements Body {
    }

    /** Opens a fresh stream over a resource's bytes from the start; the caller closes it. */
    @FunctionalInterface
    public interface StreamOpener {
        /** Opens the stream. */
        InputStream open() throws IOException;
    }
}
