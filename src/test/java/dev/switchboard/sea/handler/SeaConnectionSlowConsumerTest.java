package dev.switchboard.sea.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.service.SeaSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SeaConnectionSlowConsumerTest {

    private static SeaConnection connection(EmbeddedChannel channel, long maxPending) {
        SeaLimits limits = new SeaLimits(513, 0xFFFFFF, 0xFFFFFF, maxPending, Duration.ofSeconds(120), () -> -1);
        Clock clock = Clock.systemUTC();
        return new SeaConnection(channel, limits, SeaSettings.defaults(""), clock, new SeaFloodGate(),
                new InputBudget(100, 50, 10), new TimeoutSweeper(clock));
    }

    @Test
    void admit_whenQueuePastTheLimit_thenWarnNamesTheBytesReallyQueuedOnce(CapturedOutput output) {
        EmbeddedChannel channel = new EmbeddedChannel();
        SeaConnection connection = connection(channel, 100);
        channel.write(Unpooled.wrappedBuffer(new byte[150]));

        ByteBuf next = Unpooled.wrappedBuffer(new byte[10]);
        assertThat(connection.admit(next)).isFalse();
        assertThat(next.refCnt()).isZero();
        ByteBuf after = Unpooled.wrappedBuffer(new byte[10]);
        assertThat(connection.admit(after)).isFalse();
        assertThat(after.refCnt()).isZero();

        // 150 bytes plus Netty's per-entry bookkeeping, the figure the write-buffer water marks also use
        java.util.regex.Matcher figure = java.util.regex.Pattern.compile("slow consumer: (\\d+) bytes queued, killing")
                .matcher(output.getAll());
        assertThat(figure.find()).isTrue();
        assertThat(Long.parseLong(figure.group(1))).isBetween(150L, 1000L);
        assertThat(output.getAll().split("slow consumer", -1)).hasSize(2);
        channel.finishAndReleaseAll();
    }

    /** A channel that has begun closing (still active, no outbound buffer any more) is passed over silently. */
    @Test
    void admit_whenChannelClosingButStillActive_thenDroppedWithoutSlowConsumerLine(CapturedOutput output) {
        EmbeddedChannel closing = new EmbeddedChannel() {
            @Override
            public boolean isActive() {
                return true;
            }
        };
        SeaConnection connection = connection(closing, 100);
        closing.close();

        ByteBuf message = Unpooled.wrappedBuffer(new byte[10]);
        assertThat(connection.admit(message)).isFalse();
        assertThat(message.refCnt()).isZero();
        assertThat(output.getAll()).doesNotContain("slow consumer").doesNotContain("9223372036854775807");
    }
}
