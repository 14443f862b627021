package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path base;

    private Path root;
    private StaticFiles files;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("www"));
        write(root.resolve("index.html"), "<h1>home</h1>");
        write(root.resolve("hello.txt"), "hello world");
        Files.createDirectory(root.resolve("docs"));
        write(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectory(root.resolve("empty"));
        write(root.resolve(".secret"), "hidden");
        write(base.resolve("outside.txt"), "outside the root");
        files = new StaticFiles(new FileSystemContent(root), Duration.ZERO);
    }

    private static void write(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(path, FileTime.from(MODIFIED));
    }

    private StaticReply get(String target) {
        return files.answer(new StaticRequest("GET", target, RequestConditions.NONE));
    }

    private StaticReply get(String target, RequestConditions conditions) {
        return files.answer(new StaticRequest("GET", target, conditions));
    }

    private static int status(StaticReply reply) {
        if (reply instanceof StaticReply.Entity entity) {
            return entity.status();
        }
        if (reply instanceof StaticReply.Failure failure) {
            return failure.status();
        }
        return reply instanceof StaticReply.NotModified ? 304 : 301;
    }

    @Test
    void answer_whenFileExists_thenWholeEntityWithValidatorsAndType() {
        StaticReply.Entity entity = (StaticReply.Entity) get("/hello.txt");
        assertThat(entity.status()).isEqualTo(200);
        assertThat(entity.offset()).isZero();
        assertThat(entity.length()).isEqualTo(11);
        assertThat(entity.headOnly()).isFalse();
        assertThat(entity.resource().body()).isEqualTo(new StaticResource.FileBody(root.resolve("hello.txt")));
        assertThat(entity.headers())
                .containsEntry("Content-Type", "text/plain; charset=utf-8")
                .containsEntry("Content-Length", "11")
                .containsEntry("ETag", EntityTags.of(11, MODIFIED))
                .containsEntry("Last-Modified", "Fri, 20 Nov 2026 10:00:00 GMT")
                .containsEntry("Cache-Control", "no-cache")
                .containsEntry("Accept-Ranges", "bytes");
    }

    @Test
    void answer_whenCacheMaxAgeSet_thenMaxAgeSeconds() {
        StaticFiles cached = new StaticFiles(new FileSystemContent(root), Duration.ofHours(1));
        StaticReply.Entity entity = (StaticReply.Entity) cached.answer(new StaticRequest("GET", "/hello.txt",
                RequestConditions.NONE));
        assertThat(entity.headers()).containsEntry("Cache-Control", "max-age=3600");
    }

    @Test
    void answer_whenHead_thenSameHeadersWithoutBody() {
        StaticReply.Entity get = (StaticReply.Entity) get("/hello.txt");
        StaticReply.Entity head = (StaticReply.Entity) files.answer(new StaticRequest("HEAD", "/hello.txt",
                RequestConditions.NONE));
        assertThat(head.headOnly()).isTrue();
        assertThat(head.headers()).isEqualTo(get.headers());
    }

    @Test
    void answer_whenRootOrDirectoryWithSlash_thenItsIndex() {
        StaticReply.Entity home = (StaticReply.Entity) get("/");
        assertThat(home.resource().fileName()).isEqualTo("index.html");
        assertThat(home.headers()).containsEntry("Content-Type", "text/html; charset=utf-8");
        StaticReply.Entity docs = (StaticReply.Entity) get("/docs/?page=2");
        assertThat(docs.resource().body()).isEqualTo(new StaticResource.FileBody(root.resolve("docs/index.html")));
    }

    @Test
    void answer_whenDirectoryWithoutSlash_thenRedirectToSlashKeepingQuery() {
        assertThat(get("/docs")).isEqualTo(new StaticReply.Redirect("/docs/", false));
        assertThat(get("/docs?x=1")).isEqualTo(new StaticReply.Redirect("/docs/?x=1", false));
    }

    @Test
    void answer_whenDirectoryReachedThroughDoubleSlash_thenRedirectIsNeverProtocolRelative() throws IOException {
        Files.createDirectory(root.resolve("evil.example"));
        StaticReply.Redirect redirect = (StaticReply.Redirect) get("//evil.example");
        assertThat(redirect.location()).isEqualTo("/evil.example/");
    }

    @Test
    void answer_whenDirectoryNameNeedsEncoding_thenRedirectLocationEncoded() throws IOException {
        Files.createDirectory(root.resolve("a b"));
        assertThat(((StaticReply.Redirect) get("/a%20b")).location()).isEqualTo("/a%20b/");
    }

    @Test
    void answer_whenDirectoryHasNoIndex_thenNotFound() {
        assertThat(status(get("/empty/"))).isEqualTo(404);
    }

    @Test
    void answer_whenFileAskedWithTrailingSlash_thenNotFound() {
        assertThat(status(get("/hello.txt/"))).isEqualTo(404);
    }

    @Test
    void answer_whenMissing_thenNotFoundNotFlaggedAsBadInput() {
        StaticReply.Failure failure = (StaticReply.Failure) get("/nope.txt");
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.badInput()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/outside.txt", "/docs/../../outside.txt",
        "/.secret", "/%2esecret", "/%252e%252e/outside.txt"})
    void answer_whenTraversalOrHidden_thenNotFound(String target) {
        assertThat(status(get(target))).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..\\outside.txt", "/..%5coutside.txt", "/hello.txt%00.html", "/..%2foutside.txt"})
    void answer_whenBackslashNulOrEncodedSlash_thenBadRequestFlaggedAsBadInput(String target) {
        StaticReply.Failure failure = (StaticReply.Failure) get(target);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.badInput()).isTrue();
    }

    @Test
    void answer_whenSymlinkPointsOutOfRoot_thenNotFound() throws IOException {
        Files.createSymbolicLink(root.resolve("escape.txt"), base.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), base);
        assertThat(status(get("/escape.txt"))).isEqualTo(404);
        assertThat(status(get("/escape-dir/outside.txt"))).isEqualTo(404);
    }

    @Test
    void answer_whenSymlinkStaysInsideRoot_thenServed() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("hello.txt"));
        assertThat(status(get("/alias.txt"))).isEqualTo(200);
    }

    @Test
    void answer_whenRootItselfIsASymlink_thenFilesBelowItServed() throws IOException {
        Path link = Files.createSymbolicLink(base.resolve("www-link"), root);
        StaticFiles viaLink = new StaticFiles(new FileSystemContent(link), Duration.ZERO);
        assertThat(status(viaLink.answer(new StaticRequest("GET", "/hello.txt", RequestConditions.NONE)))).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH"})
    void answer_whenOtherStandardMethod_thenMethodNotAllowedWithAllow(String method) {
        StaticReply.Failure failure = (StaticReply.Failure) files.answer(new StaticRequest(method, "/hello.txt",
                RequestConditions.NONE));
        assertThat(failure.status()).isEqualTo(405);
        assertThat(failure.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void answer_whenUnknownMethod_thenNotImplemented() {
        assertThat(status(files.answer(new StaticRequest("BREW", "/", RequestConditions.NONE)))).isEqualTo(501);
    }

    @Test
    void answer_whenIfNoneMatchCurrent_thenNotModifiedWithValidators() {
        String tag = EntityTags.of(11, MODIFIED);
        StaticReply.NotModified reply = (StaticReply.NotModified) get("/hello.txt",
                new RequestConditions(null, tag, null, null, null, null));
        assertThat(reply.headers()).containsEntry("ETag", tag).containsKey("Last-Modified").containsKey("Cache-Control")
                .doesNotContainKey("Content-Length");
    }

    @Test
    void answer_whenIfMatchStale_thenPreconditionFailed() {
        assertThat(status(get("/hello.txt", new RequestConditions("\"stale\"", null, null, null, null, null))))
                .isEqualTo(412);
    }

    @Test
    void answer_whenSingleRange_thenPartialWithContentRange() {
        StaticReply.Entity entity = (StaticReply.Entity) get("/hello.txt", range("bytes=6-"));
        assertThat(entity.status()).isEqualTo(206);
        assertThat(entity.offset()).isEqualTo(6);
        assertThat(entity.length()).isEqualTo(5);
        assertThat(entity.headers()).containsEntry("Content-Range", "bytes 6-10/11").containsEntry("Content-Length", "5");
    }

    @Test
    void answer_whenRangeUnsatisfiable_thenRangeNotSatisfiableWithLength() {
        StaticReply.Failure failure = (StaticReply.Failure) get("/hello.txt", range("bytes=11-"));
        assertThat(failure.status()).isEqualTo(416);
        assertThat(failure.headers()).containsEntry("Content-Range", "bytes */11");
    }

    @Test
    void answer_whenRangeOnHeadOrStaleIfRange_thenWhole() {
        StaticReply.Entity head = (StaticReply.Entity) files.answer(new StaticRequest("HEAD", "/hello.txt", range("bytes=0-1")));
        assertThat(head.status()).isEqualTo(200);
        StaticReply.Entity stale = (StaticReply.Entity) get("/hello.txt",
                new RequestConditions(null, null, null, null, "bytes=0-1", "\"stale\""));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.length()).isEqualTo(11);
    }

    @Test
    void fileSystemContent_whenRootMissingOrAFile_thenRefusedAtConstruction() {
        assertThatThrownBy(() -> new FileSystemContent(base.resolve("missing"))).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> new FileSystemContent(base.resolve("outside.txt")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RequestConditions range(String value) {
        return new RequestConditions(null, null, null, null, value, null);
    }
}
