package dev.switchboard.http.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A servable file found below the root: its name (for the MIME type), length, modification time
 * and where its bytes come from, plus the header values derived from them. The derived values are
 * computed once here, so a resource kept by the {@link OpenFileCache} answers every request with the
 * same strings instead of formatting them again.
 */
public final class StaticResource {

    private final String fileName;
    private final long length;
    private final Instant lastModified;
    private final Body body;
    private final String etag;
    private final String lastModifiedText;
    private final String contentType;
    private final String lengthText;

    /** A resource of {@code length} bytes last modified at {@code lastModified}, read from {@code body}. */
    public StaticResource(String fileName, long length, Instant lastModified, Body body) {
        this.fileName = Objects.requireNonNull(fileName);
        this.length = length;
        this.lastModified = Objects.requireNonNull(lastModified);
        this.body = Objects.requireNonNull(body);
        this.etag = EntityTags.of(length, lastModified);
        this.lastModifiedText = HttpDates.format(lastModified);
        this.contentType = MimeTypes.forFileName(fileName);
        this.lengthText = Long.toString(length);
    }

    /** The same file with its bytes held in memory. */
    StaticResource withBody(Body newBody) {
        return new StaticResource(fileName, length, lastModified, newBody);
    }

    /** The name the MIME type is judged by. */
    public String fileName() {
        return fileName;
    }

    /** The length in bytes. */
    public long length() {
        return length;
    }

    /** The modification time. */
    public Instant lastModified() {
        return lastModified;
    }

    /** Where the bytes come from. */
    public Body body() {
        return body;
    }

    /** The strong entity tag, quotes included. */
    public String etag() {
        return etag;
    }

    /** The modification time as an HTTP date (the {@code Last-Modified} value). */
    public String lastModifiedText() {
        return lastModifiedText;
    }

    /** The {@code Content-Type} value. */
    public String contentType() {
        return contentType;
    }

    /** The length in decimal (the {@code Content-Length} of a whole-file answer). */
    public String lengthText() {
        return lengthText;
    }

    @Override
    public String toString() {
        return "StaticResource[" + fileName + ", " + length + " bytes, " + lastModified + ", " + body + "]";
    }

    /** Where the bytes of a resource are read from. */
    public sealed interface Body permits FileBody, StreamBody, BytesBody {
    }

    /** A regular file on a file system: can be sent with zero-copy transfer. */
    public record FileBody(Path path) implements Body {
    }

    /** A resource only readable as a stream (a classpath entry inside a jar). */
    public record StreamBody(StreamOpener opener) implements Body {
    }

    /**
     * The whole content, held in memory by the {@link OpenFileCache}: a read-only buffer shared by
     * every response, which each response reads through its own duplicate or slice.
     */
    public record BytesBody(ByteBuffer content) implements Body {
        public BytesBody {
            if (!content.isReadOnly()) {
                throw new IllegalArgumentException("cached content must be read-only");
            }
        }

        /** The bytes {@code offset} to {@code offset + length}, as a buffer of their own (shared content). */
        public ByteBuffer slice(long offset, long length) {
            return content.slice((int) offset, (int) length);
        }
    }

    /** Opens a fresh stream over a resource's bytes from the start; the caller closes it. */
    @FunctionalInterface
    public interface StreamOpener {
        /** Opens the stream. */
        InputStream open() throws IOException;
    }
}
