package dev.switchboard.example.handler;

import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.LogRotation;
import dev.switchboard.example.service.RefusalLogWindow;
import dev.switchboard.support.MutableClock;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The UDP log-rotate stage (spec §8, §2.2): rotates on LOG_ROTATE, never writes back, survives garbage. */
@ExtendWith(OutputCaptureExtension.class)
class LogRotateDatagramHandlerTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 3002);

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicInteger reopens = new AtomicInteger();
    private final MutableClock clock = new MutableClock();

    private EmbeddedChannel channel(String secret) {
        return channel(new LogRotation(secret, () -> {
            reopens.incrementAndGet();
            return 1;
        }));
    }

    private EmbeddedChannel channel(LogRotation rotation) {
        return new EmbeddedChannel(new LogRotateChannelInitializer(new LogRotateDatagramHandler(rotation,
                ExampleMetrics.NONE, new RefusalLogWindow(clock, INTERVAL))));
    }

    @Test
    void datagram_whenFloodOfLogRotate_thenOneReopenNowAndOneAtTheIntervalsEnd() {
        EmbeddedChannel ch = channel(new LogRotation("", () -> {
            reopens.incrementAndGet();
            return 1;
        }, clock, INTERVAL));

        for (int i = 0; i < 1000; i++) {
            ch.writeInbound(packet("LOG_ROTATE".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(reopens).hasValue(1);

        clock.advance(INTERVAL);
        ch.advanceTimeBy(INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(reopens).hasValue(2);   // the requests inside the interval still get their reopen

        clock.advance(INTERVAL);
        ch.writeInbound(packet("LOG_ROTATE".getBytes(StandardCharsets.US_ASCII)));
        assertThat(reopens).hasValue(3);
        assertFalse(ch.finish());
    }

    @Test
    void datagram_whenFloodOfRefusedDatagrams_thenOneWarningThenOneCount(CapturedOutput output) {
        EmbeddedChannel ch = channel("abc");

        for (int i = 0; i < 500; i++) {
            ch.writeInbound(packet(new byte[] {(byte) 0xFF, 0x0A}));
            ch.writeInbound(packet("LOG_ROTATE secret_code=nope".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("Log-rotate datagram from"))).hasSize(1);

        clock.advance(INTERVAL);
        ch.advanceTimeBy(INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();

        assertThat(output.getOut()).contains("999 more refused log-rotate datagram(s) in the last 10 s");
        assertThat(output.getOut()).doesNotContain(" ERROR ");
        assertThat(reopens).hasValue(0);
        assertFalse(ch.finish());
    }

    @Test
    void datagram_whenLogRotateWithOrWithoutLf_thenRotatedAndNoReply() {
        EmbeddedChannel ch = channel("");

        ch.writeInbound(packet("LOG_ROTATE".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(packet("<host:ed_signal LOG_ROTATE\n".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(packet("LOG".getBytes(StandardCharsets.US_ASCII)));

        assertThat(reopens).hasValue(3);
        assertThat(ch.outboundMessages()).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void datagram_whenSecretWrong_thenNotRotated() {
        EmbeddedChannel ch = channel("abc");

        ch.writeInbound(packet("LOG_ROTATE secret_code=abd".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(packet("LOG_ROTATE secret_code=abc".getBytes(StandardCharsets.US_ASCII)));

        assertThat(reopens).hasValue(1);
        assertFalse(ch.finish());
    }

    @Test
    void datagram_whenQuitGarbageOrOversized_thenIgnoredAndChannelStaysOpen() {
        EmbeddedChannel ch = channel("");

        ch.writeInbound(packet("QUIT".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(packet(new byte[] {(byte) 0xFF, 0x00, 0x13}));
        ch.writeInbound(packet(("LOG_ROTATE x=" + "y".repeat(1100)).getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(packet(new byte[0]));

        assertThat(reopens).hasValue(0);
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void datagram_whenExactly1024Bytes_thenAccepted() {
        EmbeddedChannel ch = channel("");
        String datagram = "LOG_ROTATE pad=" + "p".repeat(1024 - 15);

        ch.writeInbound(packet(datagram.getBytes(StandardCharsets.US_ASCII)));

        assertThat(datagram).hasSize(1024);
        assertThat(reopens).hasValue(1);
        assertFalse(ch.finish());
    }

    private static DatagramPacket packet(byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), LOCAL, SENDER);
    }
}
