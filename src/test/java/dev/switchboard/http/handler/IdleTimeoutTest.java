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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The idle timeout on the EmbeddedChannel's virtual clock (http-server spec §2.8: 5 s by default). */
class IdleTimeoutTest {

    @TempDir
    Path root;

    private EmbeddedChannel channel(Duration idle) throws IOException {
        Files.writeString(root.resolve("a.txt"), "A");
        return HttpTestChannels.channel(HttpTestChannels.properties(root, idle, 4096, DataSize.ofKilobytes(8),
                DataSize.ofKilobytes(64)), List.of(), HttpMetrics.NONE, new MutableClock());
    }

    @Test
    void idle_whenNoTrafficForTheTimeout_thenClosedSilently() throws IOException {
        EmbeddedChannel ch = channel(Duration.ofSeconds(5));
        ch.advanceTimeBy(4900, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readOutbound()).isNull();
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
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void idle_whenTimeoutZero_thenNoIdleStagesAndNeverClosed() throws IOException {
        EmbeddedChannel ch = channel(Duration.ZERO);
        assertThat(ch.pipeline().get(HttpPipeline.IDLE_STATE)).isNull();
        assertThat(ch.pipeline().get(HttpPipeline.IDLE_CLOSE)).isNull();
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }
}
