package dev.switchboard.http.handler;

import static dev.switchboard.http.support.HttpTestChannels.next;
import static dev.switchboard.http.support.HttpTestChannels.send;
import static dev.switchboard.http.support.HttpTestChannels.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.http.support.RawResponse;
import dev.switchboard.support.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence per HTTP version and pipelining (http-server spec §2.7), through the whole pipeline. */
class KeepAliveHandlerTest {

    @TempDir
    Path root;

    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("a.txt"), "A");
        Files.writeString(root.resolve("b.txt"), "BB");
        Files.writeString(root.resolve("c.txt"), "CCC");
        ch = HttpTestChannels.channel(HttpTestChannels.properties(root), List.of(), HttpMetrics.NONE, new MutableClock());
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private static String get11(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void http11_whenNoConnectionHeader_thenKeptAliveWithoutConnectionHeader() {
        send(ch, get11("/a.txt"));
        RawResponse response = next(written(ch));
        assertThat(response.header("Connection")).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void http11_whenConnectionClose_thenAnsweredWithCloseAndClosed() {
        send(ch, get11("/a.txt", "Connection: close\r\n"));
        RawResponse response = next(written(ch));
        assertThat(response.text()).isEqualTo("A");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void http11_whenConnectionListsCloseAmongOtherTokens_thenClosed() {
        send(ch, get11("/a.txt", "Connection: TE, Close\r\n"));
        next(written(ch));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void http10_whenNoConnectionHeader_thenClosedAfterResponse() {
        // The original answered 1.0 clients with "HTTP/1.1" and never said it would close (spec §2.5, §2.7).
        send(ch, "GET /a.txt HTTP/1.0\r\n\r\n");
        RawResponse response = next(written(ch));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void http10_whenKeepAliveInAnyCase_thenKeptAliveAndToldSo() {
        // The original matched only the exact bytes "keep-alive" (spec §2.3).
        send(ch, "GET /a.txt HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        RawResponse response = next(written(ch));
        assertThat(response.header("Connection")).isEqualTo("keep-alive");
        assertThat(ch.isOpen()).isTrue();
        send(ch, "GET /b.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(next(written(ch)).text()).isEqualTo("BB");
    }

    @Test
    void pipelined_whenThreeRequestsInOneRead_thenThreeAnswersInOrder() {
        send(ch, get11("/c.txt") + get11("/a.txt") + get11("/b.txt"));
        InputStream out = written(ch);
        assertThat(next(out).text()).isEqualTo("CCC");
        assertThat(next(out).text()).isEqualTo("A");
        assertThat(next(out).text()).isEqualTo("BB");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void pipelined_whenMixedWithErrorsAndHead_thenStillInOrder() {
        send(ch, get11("/missing") + "HEAD /b.txt HTTP/1.1\r\nHost: t\r\n\r\n" + get11("/a.txt"));
        InputStream out = written(ch);
        assertThat(next(out).status()).isEqualTo(404);
        RawResponse head = next(out, true);
        assertThat(head.header("Content-Length")).isEqualTo("2");
        assertThat(next(out).text()).isEqualTo("A");
    }

    @Test
    void pipelined_whenMiddleRequestCloses_thenLaterOnesDroppedAndConnectionClosed() throws IOException {
        send(ch, get11("/a.txt") + get11("/b.txt", "Connection: close\r\n") + get11("/c.txt"));
        InputStream out = written(ch);
        assertThat(next(out).text()).isEqualTo("A");
        RawResponse second = next(out);
        assertThat(second.text()).isEqualTo("BB");
        assertThat(second.header("Connection")).isEqualTo("close");
        assertThat(out.available()).isZero();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void pipelined_whenMalformedRequestFollowsGoodOne_thenGoodAnsweredThen400AndClose() {
        send(ch, get11("/a.txt") + "NOT A REQUEST\r\n\r\n");
        InputStream out = written(ch);
        assertThat(next(out).text()).isEqualTo("A");
        assertThat(next(out).status()).isEqualTo(400);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void keptAlive_whenManySequentialRequests_thenAllAnsweredAndNothingLeft() {
        for (int i = 0; i < 20; i++) {
            send(ch, get11(i % 2 == 0 ? "/a.txt" : "/b.txt"));
            assertThat(next(written(ch)).status()).isEqualTo(200);
        }
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }
}
