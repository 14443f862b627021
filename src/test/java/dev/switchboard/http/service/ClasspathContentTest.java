package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathContentTest {

    private static final long ENTRY_TIME = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private URLClassLoader jarLoader;
    private URLClassLoader dirLoader;

    @BeforeEach
    void setUp() throws IOException {
        Path jar = dir.resolve("site.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "web/", null);
            entry(out, "web/index.html", "<h1>jar home</h1>");
            entry(out, "web/app.js", "console.log(1);");
            entry(out, "web/sub/", null);
            entry(out, "web/sub/index.html", "<h1>sub</h1>");
            entry(out, "other/secret.txt", "not below the base");
        }
        jarLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        Path exploded = Files.createDirectories(dir.resolve("classes/web/sub"));
        Files.writeString(exploded.resolve("index.html"), "<h1>exploded sub</h1>");
        Files.writeString(dir.resolve("classes/web/index.html"), "<h1>exploded</h1>");
        dirLoader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null);
    }

    @AfterEach
    void tearDown() throws IOException {
        jarLoader.close();
        dirLoader.close();
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(ENTRY_TIME);
        out.putNextEntry(entry);
        if (text != null) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }

    @Test
    void find_whenEntryInJar_thenStreamBodyWithEntryLengthAndTime() throws IOException {
        StaticContent content = new ClasspathContent(jarLoader, "web/");
        StaticContent.Found found = (StaticContent.Found) content.find(List.of("app.js"), false);
        StaticResource resource = found.resource();
        assertThat(resource.fileName()).isEqualTo("app.js");
        assertThat(resource.length()).isEqualTo(15);
        assertThat(resource.lastModified().toEpochMilli() / 2000).isEqualTo(ENTRY_TIME / 2000);
        assertThat(resource.body()).isInstanceOf(StaticResource.StreamBody.class);
        try (InputStream in = ((StaticResource.StreamBody) resource.body()).opener().open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("console.log(1);");
        }
    }

    @Test
    void find_whenRootOrDirectoryWithSlashInJar_thenIndex() {
        StaticContent content = new ClasspathContent(jarLoader, "/web");
        assertThat(((StaticContent.Found) content.find(List.of(), true)).resource().length()).isEqualTo(17);
        assertThat(((StaticContent.Found) content.find(List.of("sub"), true)).resource().fileName())
                .isEqualTo("index.html");
    }

    @Test
    void find_whenDirectoryWithoutSlashInJar_thenDirectoryWithoutSlash() {
        StaticContent content = new ClasspathContent(jarLoader, "web/");
        assertThat(content.find(List.of("sub"), false)).isInstanceOf(StaticContent.DirectoryWithoutSlash.class);
    }

    @Test
    void find_whenMissingOrOutsideBase_thenNotFound() {
        StaticContent content = new ClasspathContent(jarLoader, "web/");
        assertThat(content.find(List.of("nope.txt"), false)).isInstanceOf(StaticContent.NotFound.class);
        assertThat(content.find(List.of("secret.txt"), false)).isInstanceOf(StaticContent.NotFound.class);
    }

    @Test
    void find_whenExplodedDirectory_thenFileBodyForZeroCopy() {
        StaticContent content = StaticContent.forRoot("classpath:web/", dirLoader);
        StaticContent.Found found = (StaticContent.Found) content.find(List.of(), true);
        assertThat(found.resource().body()).isEqualTo(
                new StaticResource.FileBody(dir.resolve("classes/web/index.html")));
        assertThat(content.find(List.of("sub"), false)).isInstanceOf(StaticContent.DirectoryWithoutSlash.class);
    }

    @Test
    void forRoot_whenPlainOrFilePrefixedPath_thenFileSystemContent() throws IOException {
        Path www = Files.createDirectory(dir.resolve("www"));
        assertThat(StaticContent.forRoot(www.toString(), dirLoader)).isInstanceOf(FileSystemContent.class);
        assertThat(((FileSystemContent) StaticContent.forRoot("file:" + www, dirLoader)).root())
                .isEqualTo(www.toRealPath());
    }

    @Test
    void jarBody_whenOpenedTwice_thenIndependentStreams() throws IOException {
        StaticContent content = new ClasspathContent(jarLoader, "web/");
        StaticResource.StreamBody body = (StaticResource.StreamBody)
                ((StaticContent.Found) content.find(List.of("app.js"), false)).resource().body();
        try (InputStream first = body.opener().open(); InputStream second = body.opener().open()) {
            first.readNBytes(5);
            assertThat(second.readNBytes(7)).isEqualTo("console".getBytes(StandardCharsets.UTF_8));
        }
    }
}
