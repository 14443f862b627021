package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.MutableClock;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freshness, bounds and eviction of the open-file cache, over a real directory and a clock moved by hand. */
class OpenFileCacheTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path base;

    private Path root;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    /** Every lookup that reached the file system, by file name. */
    private final List<String> lookups = new ArrayList<>();
    private StaticContent source;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("www"));
        FileSystemContent files = new FileSystemContent(root);
        source = (segments, trailingSlash) -> {
            lookups.add(String.join("/", segments) + (trailingSlash ? "/" : ""));
            return files.find(segments, trailingSlash);
        };
    }

    private void write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    private OpenFileCache cache(int maxEntries, long maxBytes, long maxFileSize, Duration valid) {
        return new OpenFileCache(source, maxEntries, maxBytes, maxFileSize, valid, clock);
    }

    private OpenFileCache defaults() {
        return cache(1000, 8 << 20, 64 << 10, Duration.ofSeconds(1));
    }

    private static StaticResource found(StaticContent.Lookup lookup) {
        assertThat(lookup).isInstanceOf(StaticContent.Found.class);
        return ((StaticContent.Found) lookup).resource();
    }

    private static String text(StaticResource resource) {
        assertThat(resource.body()).isInstanceOf(StaticResource.BytesBody.class);
        ByteBuffer content = ((StaticResource.BytesBody) resource.body()).slice(0, resource.length());
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static StaticContent.Lookup find(StaticContent content, String name) {
        return content.find(List.of(name), false);
    }

    @Test
    void find_whenSmallFileAskedTwiceWithinValid_thenOneLookupAndBytesHeld() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        StaticResource first = found(find(cache, "a.txt"));
        clock.advance(Duration.ofMillis(999));
        StaticResource second = found(find(cache, "a.txt"));
        assertThat(second).isSameAs(first);
        assertThat(text(second)).isEqualTo("alpha");
        assertThat(second.etag()).isEqualTo(EntityTags.of(5, MODIFIED));
        assertThat(second.lastModifiedText()).isEqualTo("Fri, 20 Nov 2026 10:00:00 GMT");
        assertThat(second.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(lookups).containsExactly("a.txt");
        assertThat(cache.heldBytes()).isEqualTo(5);
    }

    @Test
    void find_whenFileDeletedWithinValid_thenStillServedFromMemory() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        find(cache, "a.txt");
        Files.delete(root.resolve("a.txt"));
        assertThat(text(found(find(cache, "a.txt")))).isEqualTo("alpha");
    }

    @Test
    void find_whenFileChangedAndValidPassed_thenNewContentAndTag() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        StaticResource before = found(find(cache, "a.txt"));
        Files.writeString(root.resolve("a.txt"), "alpha two");
        clock.advance(Duration.ofMillis(999));
        assertThat(text(found(find(cache, "a.txt")))).isEqualTo("alpha");
        clock.advance(Duration.ofMillis(1));
        StaticResource after = found(find(cache, "a.txt"));
        assertThat(text(after)).isEqualTo("alpha two");
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(cache.heldBytes()).isEqualTo(9);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void find_whenSameLengthButNewModificationTime_thenNewContent() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        find(cache, "a.txt");
        Files.writeString(root.resolve("a.txt"), "omega");
        Files.setLastModifiedTime(root.resolve("a.txt"), FileTime.from(MODIFIED.plusSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(text(found(find(cache, "a.txt")))).isEqualTo("omega");
    }

    @Test
    void find_whenFileUnchangedAfterValid_thenCheckedOnceAndKept() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        StaticResource first = found(find(cache, "a.txt"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(found(find(cache, "a.txt"))).isSameAs(first);
        clock.advance(Duration.ofMillis(500));
        assertThat(found(find(cache, "a.txt"))).isSameAs(first);
        assertThat(lookups).containsExactly("a.txt", "a.txt");
    }

    @Test
    void find_whenFileDeletedAndValidPassed_thenNotFoundAndForgotten() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        find(cache, "a.txt");
        Files.delete(root.resolve("a.txt"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(find(cache, "a.txt")).isInstanceOf(StaticContent.NotFound.class);
        assertThat(cache.size()).isZero();
        assertThat(cache.heldBytes()).isZero();
    }

    @Test
    void find_whenClockGoesBack_thenCheckedAgain() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = defaults();
        find(cache, "a.txt");
        clock.advance(Duration.ofMillis(-1));
        find(cache, "a.txt");
        assertThat(lookups).hasSize(2);
    }

    @Test
    void find_whenValidZero_thenEveryRequestChecksTheFile() throws IOException {
        write("a.txt", "alpha");
        OpenFileCache cache = cache(1000, 8 << 20, 64 << 10, Duration.ZERO);
        StaticResource first = found(find(cache, "a.txt"));
        assertThat(found(find(cache, "a.txt"))).isSameAs(first);
        Files.writeString(root.resolve("a.txt"), "changed");
        assertThat(text(found(find(cache, "a.txt")))).isEqualTo("changed");
        assertThat(lookups).hasSize(3);
    }

    @Test
    void find_whenMissing_thenNothingRemembered() {
        OpenFileCache cache = defaults();
        assertThat(find(cache, "nope.txt")).isInstanceOf(StaticContent.NotFound.class);
        assertThat(find(cache, "nope.txt")).isInstanceOf(StaticContent.NotFound.class);
        assertThat(lookups).hasSize(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void find_whenDirectoryWithoutSlash_thenAnsweredAsTheSourceDoesAndNotRemembered() throws IOException {
        Files.createDirectory(root.resolve("docs"));
        OpenFileCache cache = defaults();
        assertThat(find(cache, "docs")).isInstanceOf(StaticContent.DirectoryWithoutSlash.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void find_whenFileLargerThanMaxFileSize_thenMetadataOnlyAndStillNoSecondLookup() throws IOException {
        write("big.txt", "x".repeat(100));
        OpenFileCache cache = cache(1000, 8 << 20, 99, Duration.ofSeconds(1));
        StaticResource first = found(find(cache, "big.txt"));
        assertThat(first.body()).isEqualTo(new StaticResource.FileBody(root.resolve("big.txt").toRealPath()));
        assertThat(found(find(cache, "big.txt"))).isSameAs(first);
        assertThat(lookups).hasSize(1);
        assertThat(cache.heldBytes()).isZero();
    }

    @Test
    void find_whenEmptyFile_thenRememberedWithoutBytes() throws IOException {
        write("empty.txt", "");
        OpenFileCache cache = defaults();
        StaticResource first = found(find(cache, "empty.txt"));
        assertThat(first.length()).isZero();
        assertThat(found(find(cache, "empty.txt"))).isSameAs(first);
        assertThat(lookups).hasSize(1);
    }

    @Test
    void find_whenSymlinkRetargetedOutOfTheRoot_thenNotFoundOnceValidPassed() throws IOException {
        write("a.txt", "alpha");
        Files.writeString(base.resolve("secret.txt"), "outside");
        Path link = root.resolve("link.txt");
        Files.createSymbolicLink(link, root.resolve("a.txt"));
        OpenFileCache cache = defaults();
        assertThat(text(found(find(cache, "link.txt")))).isEqualTo("alpha");
        Files.delete(link);
        Files.createSymbolicLink(link, base.resolve("secret.txt"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(find(cache, "link.txt")).isInstanceOf(StaticContent.NotFound.class);
    }

    @Test
    void find_whenSymlinkOutOfTheRoot_thenNeverCached() throws IOException {
        Files.writeString(base.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("escape.txt"), base.resolve("secret.txt"));
        OpenFileCache cache = defaults();
        assertThat(find(cache, "escape.txt")).isInstanceOf(StaticContent.NotFound.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void find_whenTrailingSlash_thenIndexKeptApartFromTheDirectoryName() throws IOException {
        Files.createDirectory(root.resolve("docs"));
        write("docs/index.html", "<h1>docs</h1>");
        OpenFileCache cache = defaults();
        assertThat(text(found(cache.find(List.of("docs"), true)))).isEqualTo("<h1>docs</h1>");
        assertThat(cache.find(List.of("docs"), false)).isInstanceOf(StaticContent.DirectoryWithoutSlash.class);
        assertThat(text(found(cache.find(List.of("docs"), true)))).isEqualTo("<h1>docs</h1>");
        assertThat(lookups).as("the second index request is answered from memory").containsExactly("docs/", "docs");
    }

    @Test
    void find_whenJarResource_thenBytesHeldAndKeptAcrossRechecks() throws IOException {
        Path jar = base.resolve("static.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/app.js"));
            out.write("console.log(1)".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClasspathContent classpath = new ClasspathContent(loader, "static/");
            List<String> jarLookups = new ArrayList<>();
            StaticContent counted = (segments, trailingSlash) -> {
                jarLookups.add(String.join("/", segments));
                return classpath.find(segments, trailingSlash);
            };
            OpenFileCache cache = new OpenFileCache(counted, 1000, 8 << 20, 64 << 10, Duration.ofSeconds(1), clock);
            StaticResource first = found(find(cache, "app.js"));
            assertThat(text(first)).isEqualTo("console.log(1)");
            assertThat(first.contentType()).isEqualTo("text/javascript; charset=utf-8");
            assertThat(found(find(cache, "app.js"))).isSameAs(first);
            clock.advance(Duration.ofSeconds(1));
            // Re-checked (a new stream opener each lookup) but the same entry: nothing is read again.
            assertThat(found(find(cache, "app.js"))).isSameAs(first);
            assertThat(jarLookups).containsExactly("app.js", "app.js");
        }
    }

    @Test
    void bounds_whenMoreFilesThanMaxEntries_thenSizeStaysAtTheBound() throws IOException {
        OpenFileCache cache = cache(3, 8 << 20, 64 << 10, Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            write(i + ".txt", "file " + i);
            assertThat(text(found(find(cache, i + ".txt")))).isEqualTo("file " + i);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.heldBytes()).isEqualTo(3 * 6);
    }

    @Test
    void bounds_whenContentPassesMaxBytes_thenEntriesEvictedUntilItFits() throws IOException {
        OpenFileCache cache = cache(1000, 100, 64, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            write(i + ".txt", String.valueOf(i).repeat(40));
            assertThat(text(found(find(cache, i + ".txt")))).isEqualTo(String.valueOf(i).repeat(40));
            assertThat(cache.heldBytes()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.heldBytes()).isEqualTo(80);
    }

    @Test
    void bounds_whenFileLargerThanMaxBytes_thenNoBytesHeldWhateverMaxFileSize() throws IOException {
        write("a.txt", "x".repeat(50));
        OpenFileCache cache = cache(1000, 40, 64 << 10, Duration.ofSeconds(1));
        assertThat(found(find(cache, "a.txt")).body()).isInstanceOf(StaticResource.FileBody.class);
        assertThat(cache.heldBytes()).isZero();
    }

    @Test
    void eviction_whenFull_thenAnEntryUsedSinceItWasAddedIsSpared() throws IOException {
        write("a.txt", "a");
        write("b.txt", "b");
        write("c.txt", "c");
        OpenFileCache cache = cache(2, 8 << 20, 64 << 10, Duration.ofHours(1));
        find(cache, "a.txt");
        find(cache, "b.txt");
        find(cache, "a.txt");
        find(cache, "c.txt");
        lookups.clear();
        find(cache, "a.txt");
        find(cache, "c.txt");
        assertThat(lookups).as("a (used) and c (new) are kept; b went").isEmpty();
        find(cache, "b.txt");
        assertThat(lookups).containsExactly("b.txt");
    }
}
