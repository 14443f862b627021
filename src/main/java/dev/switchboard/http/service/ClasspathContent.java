package dev.switchboard.http.service;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;

/**
 * Static files served from a classpath location such as {@code static/}.
 *
 * <p>A resource in an exploded directory (tests, IDE runs) is served as a file, so it gets
 * zero-copy transfer; a resource inside a jar is streamed. The segments come from
 * {@link PathResolver}, so no dot segment can reach the class loader.
 */
public final class ClasspathContent implements StaticContent {

    private final ClassLoader classLoader;
    private final String base;

    /** Serves resources whose names start with {@code base} (a leading slash is dropped). */
    public ClasspathContent(ClassLoader classLoader, String base) {
        this.classLoader = classLoader;
        String trimmed = base.startsWith("/") ? base.substring(1) : base;
        this.base = trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    @Override
    public Lookup find(List<String> segments, boolean trailingSlash) {
        StringBuilder name = new StringBuilder(base);
        name.append(String.join("/", segments));
        if (trailingSlash) {
            if (!segments.isEmpty()) {
                name.append('/');
            }
            name.append(INDEX);
        }
        if (name.isEmpty()) {
            return new NotFound();
        }
        URL url = classLoader.getResource(name.toString());
        if (url == null) {
            return new NotFound();
        }
        String fileName = trailingSlash || segments.isEmpty() ? INDEX : segments.get(segments.size() - 1);
        try {
            if ("file".equals(url.getProtocol())) {
                return fromFile(Path.of(url.toURI()), fileName, trailingSlash);
            }
            return fromConnection(url, fileName, trailingSlash);
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return new NotFound();
        }
    }

    private static Lookup fromFile(Path path, String fileName, boolean trailingSlash) {
        File file = path.toFile();
        if (file.isDirectory()) {
            return trailingSlash ? new NotFound() : new DirectoryWithoutSlash();
        }
        if (!file.isFile() || !file.canRead()) {
            return new NotFound();
        }
        return new Found(new StaticResource(fileName, file.length(),
                Instant.ofEpochMilli(file.lastModified()), new StaticResource.FileBody(path)));
    }

    private static Lookup fromConnection(URL url, String fileName, boolean trailingSlash) throws IOException {
        URLConnection connection = url.openConnection();
        long length;
        long modified;
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            if (entry == null) {
                return new NotFound();
            }
            if (entry.isDirectory()) {
                return trailingSlash ? new NotFound() : new DirectoryWithoutSlash();
            }
            length = entry.getSize();
            modified = entry.getTime();
        } else {
            length = connection.getContentLengthLong();
            modified = connection.getLastModified();
        }
        if (length < 0) {
            return new NotFound();
        }
        return new Found(new StaticResource(fileName, length, Instant.ofEpochMilli(Math.max(0, modified)),
                new StaticResource.StreamBody(url::openStream)));
    }
}
