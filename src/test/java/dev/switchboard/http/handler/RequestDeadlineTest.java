package dev.switchboard.http.handler;

import static dev.switchboard.http.support.HttpTestChannels.next;
import static dev.switchboard.http.support.HttpTestChannels.send;
import static dev.switchboard.http.support.HttpTestChannels.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.http.support.RawResponse;
import dev.switchboard.support.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The request timeout (408) against a client that trickles its request, on the virtual clock. */
class RequestDeadlineTest {

    @TempDir
    Path root;

    private EmbeddedChannel ch;

    private EmbeddedChannel channel(Duration requestTimeout) throws IOException {
        Files.writeString(root.resolve("a.txt"), "A");
        HttpProperties properties = new HttpProperties(
                new HttpProperties.Listeners(ListenerProperties.tcp(0), ListenerProperties.tcp(0)), root.toString(),
                Duration.ofSeconds(5), requestTimeout, 4096, DataSize.ofKilobytes(8), DataSize.ofKilobytes(64),
                Duration.ZERO, List.of("/"), HttpTestChannels.defaultOpenFileCache());
        ch = HttpTestChannels.channel(properties, List.of(), HttpMetrics.NONE, new MutableClock());
        return ch;
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private void advance(long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        // A close is the connection's own task on the loop.
        ch.runPendingTasks();
    }

    @Test
    void trickle_whenRequestStillIncompleteAtDeadline_then408AndClose() throws IOException {
        channel(Duration.ofSeconds(10));
        String request = "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n";
        // One byte every 4 s keeps the 5 s idle timeout from firing, as in a slowloris attack.
        for (int i = 0; i < 3; i++) {
            send(ch, request.substring(i, i + 1));
            advance(4);
        }
        RawResponse response = next(written(ch));
        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void complete_whenRequestArrivesInTime_thenTimerDisarmedAndConnectionStays() throws IOException {
        channel(Duration.ofSeconds(10));
        send(ch, "GET /a.txt HTTP/1.1\r\n");
        advance(4);
        send(ch, "Host: t\r\n\r\n");
        assertThat(next(written(ch)).text()).isEqualTo("A");
        // Past the request deadline but inside the idle timeout of the last activity.
        advance(4);
        advance(4);
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readOutbound()).as("idle close sends nothing, unlike 408").isNull();
    }

    @Test
    void nextRequest_whenStartedLater_thenGetsItsOwnFullDeadline() throws IOException {
        channel(Duration.ofSeconds(10));
        send(ch, "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n");
        next(written(ch));
        advance(4);
        send(ch, "GET /a.txt HTTP/1.1\r\n");
        advance(4);
        send(ch, "Host: t\r\n");
        advance(4);
        send(ch, "\r\n");
        assertThat(next(written(ch)).status()).isEqualTo(200);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void nextRequest_whenTrickledAcrossTheFirstRequestsTimer_then408ExactlyItsOwnTimeoutAfterItsFirstByte()
            throws IOException {
        channel(Duration.ofSeconds(10));
        send(ch, "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n");
        next(written(ch));
        String request = "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n";
        advance(4);
        // Second request's first byte at 4 s; the connection's timer, armed at 0 s, fires at 10 s and must
        // re-arm for this request's own deadline at 14 s rather than expire it early or forget it.
        for (int i = 0; i < 3; i++) {
            send(ch, request.substring(i, i + 1));
            advance(3);
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat((Object) ch.readOutbound()).isNull();
        advance(1);
        RawResponse response = next(written(ch));
        assertThat(response.status()).isEqualTo(408);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void disabled_whenZero_thenNoDeadlineStages() throws IOException {
        channel(Duration.ZERO);
        assertThat(ch.pipeline().get(HttpPipeline.REQUEST_DEADLINE)).isNull();
    }
}
