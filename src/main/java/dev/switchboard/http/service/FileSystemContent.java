package dev.switchboard.http.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Static files served from a directory.
 *
 * <p>Confinement does not rely on the segments alone: every candidate is resolved to its real
 * path (following symlinks) and must still lie below the root's real path, so a symlink that
 * points out of the root is treated as missing.
 */
public final class FileSystemContent implements StaticContent {

    private final Path root;

    /** Serves files below {@code root}, which must be an existing directory. */
    public FileSystemContent(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("static root " + root + " does not exist", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("static root " + root + " is not a directory");
        }
    }

    /** The real path of the served directory. */
    public Path root() {
        return root;
    }

    @Override
    public Lookup find(List<String> segments, boolean trailingSlash) {
        Path candidate = root;
        try {
            for (String segment : segments) {
                candidate = candidate.resolve(segment);
            }
            if (trailingSlash) {
                candidate = candidate.resolve(INDEX);
            }
        } catch (InvalidPathException e) {
            return new NotFound();
        }
        Path real;
        BasicFileAttributes attributes;
        try {
            real = candidate.toRealPath();
            attributes = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (IOException e) {
            return new NotFound();
        }
        if (!real.startsWith(root)) {
            return new NotFound();
        }
        if (attributes.isDirectory()) {
            return trailingSlash ? new NotFound() : new DirectoryWithoutSlash();
        }
        if (!attributes.isRegularFile() || !Files.isReadable(real)) {
            return new NotFound();
        }
        String name = candidate.getFileName() == null ? INDEX : candidate.getFileName().toString();
        return new Found(new StaticResource(name, attributes.size(),
                attributes.lastModifiedTime().toInstant(), new StaticResource.FileBody(real)));
    }
}
