package dev.switchboard.http.handler;

import static dev.switchboard.http.support.HttpTestChannels.next;
import static dev.switchboard.http.support.HttpTestChannels.send;
import static dev.switchboard.http.support.HttpTestChannels.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.support.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** The idle timeout on the EmbeddedChannel's virtual clock (http-server spec §2.8: 5 s by default). */
class IdleTimeoutTest {

    @TempDir
    Path root;

    private EmbeddedChannel channel(Duration idle) throws IOException {
        return channel(idle, HttpMetrics.NONE);
    }

    private EmbeddedChannel channel(Duration idle, HttpMetrics metrics) throws IOException {
        Files.writeString(root.resolve("a.txt"), "A");
        return HttpTestChannels.channel(HttpTestChannels.properties(root, idle, 4096, DataSize.ofKilobytes(8),
                DataSize.ofKilobytes(64)), List.of(), metrics, new MutableClock());
    }

    @Test
    void idle_whenNoTrafficForTheTimeout_thenClosedSilently() throws IOException {
        EmbeddedChannel ch = channel(Duration.ofSeconds(5));
        ch.advanceTimeBy(4900, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        // The close is the connection's own task on the loop.
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readOutbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /a.txt HTTP/1.1\r\nHost: t\r\n", "GET /a.txt HTTP/1.1\r\n",
        "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /a.txt HTTP/1.1\r\nHo"})
    void idle_whenTimeoutCutsARequestHead_thenClosedWithoutAnswerOrClientErrorCount(String sent) throws IOException {
        List<Integer> statuses = new ArrayList<>();
        EmbeddedChannel ch = channel(Duration.ofSeconds(5), statuses::add);
        send(ch, sent);
        ch.advanceTimeBy(5100, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        // The close is the connection's own task on the loop.
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        int complete = sent.split("\r\n\r\n", -1).length - 1;
        InputStream out = written(ch);
        for (int i = 0; i < complete; i++) {
            assertThat(next(out).status()).isEqualTo(200);
        }
        // Nothing after the complete requests' answers: no 400 for a head the idle timeout cut short.
        assertThat(out.readAllBytes()).isEmpty();
        assertThat(statuses).isEqualTo(Collections.nCopies(complete, 200));
        ch.finishAndReleaseAll();
    }

    @Test
    void idle_whenRequestArrivesBeforeTimeout_thenTimerRestarts() throws IOException {
        EmbeddedChannel ch = channel(Duration.ofSeconds(5));
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        send(ch, "GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(next(written(ch)).text()).isEqualTo("A");
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        // The close is the connection's own task on the loop.
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void idle_whenTimeoutZero_thenNoIdleStagesAndNeverClosed() throws IOException {
        EmbeddedChannel ch = channel(Duration.ZERO);
        assertThat(ch.pipeline().get(HttpPipeline.IDLE_STATE)).isNull();
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }
}
