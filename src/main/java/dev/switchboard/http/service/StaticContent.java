package dev.switchboard.http.service;

import java.nio.file.Path;
import java.util.List;

/** A tree of static files (a directory or a classpath location) looked up by safe path segments. */
public interface StaticContent {

    /** Prefix of a {@code switchboard.http.root} value that names a classpath location. */
    String CLASSPATH_PREFIX = "classpath:";

    /** Prefix a file-system root may carry; a root without any prefix is a file-system path too. */
    String FILE_PREFIX = "file:";

    /** Name of the file served for a directory request. */
    String INDEX = "index.html";

    /** What a lookup found. */
    sealed interface Lookup permits Found, NotFound, DirectoryWithoutSlash {
    }

    /** A regular, readable file. */
    record Found(StaticResource resource) implements Lookup {
    }

    /** Nothing servable: missing, unreadable, not a regular file, or outside the root. */
    record NotFound() implements Lookup {
    }

    /** A directory asked for without its trailing slash: answered with a redirect. */
    record DirectoryWithoutSlash() implements Lookup {
    }

    /**
     * Looks up the file for these segments (already made safe by {@link PathResolver}); a request
     * ending in a slash names a directory and finds its {@value #INDEX}.
     */
    Lookup find(List<String> segments, boolean trailingSlash);

    /**
     * The content for a configured root: {@code classpath:dir/} or a file-system directory
     * (optionally written {@code file:/dir}).
     */
    static StaticContent forRoot(String root, ClassLoader classLoader) {
        if (root.startsWith(CLASSPATH_PREFIX)) {
            return new ClasspathContent(classLoader, root.substring(CLASSPATH_PREFIX.length()));
        }
        String path = root.startsWith(FILE_PREFIX) ? root.substring(FILE_PREFIX.length()) : root;
        return new FileSystemContent(Path.of(path));
    }
}
