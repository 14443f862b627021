package dev.switchboard.example.handler;

import dev.switchboard.core.connection.Disconnector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.ExampleMessageEncoder;
import dev.switchboard.example.codec.PartialLineBudget;
import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.ExampleServerConversation;
import dev.switchboard.example.service.QuitAccess;
import dev.switchboard.support.MutableClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The whole example server pipeline on {@link EmbeddedChannel}: byte-exact replies (spec §6.1), the
 * stateless rules (§6.2), malformed input and QUIT. EmbeddedChannel's peer is not loopback, so the
 * TCP variant counts as a remote peer and the unix variant as a local one.
 */
class ExampleChannelInitializerTest {

    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final Duration PARTIAL = Duration.ofSeconds(30);

    private final AtomicInteger stops = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final TimeoutSweeper sweeper = new TimeoutSweeper(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PartialLineBudget budget = new PartialLineBudget(1024 * 1024);

    private EmbeddedChannel channel(boolean unixSocket, int maxLine) {
        ExampleSessionHandler session = new ExampleSessionHandler(
                new ExampleServerConversation(QuitAccess.LOOPBACK), stops::incrementAndGet, ExampleMetrics.NONE,
                unixSocket);
        return new EmbeddedChannel(new ExampleChannelInitializer(
                new ExampleChannelInitializer.Limits(maxLine, budget, IDLE, PARTIAL),
                new Disconnector(registry), clock, sweeper,
                ExampleMetrics.NONE, new ExampleMessageEncoder(), new MalformedLineHandler(ExampleMetrics.NONE),
                session, new TailExceptionHandler()));
    }

    /** Moves the clock, sweeps, and runs the tasks the sweep handed to the channel's event loop. */
    private void advanceAndSweep(EmbeddedChannel ch, Duration by) {
        clock.advance(by);
        sweeper.sweep();
        ch.runPendingTasks();
    }

    @Test
    void idle_whenNothingReceivedForTheIdleTimeout_thenClosedWithoutReply() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        advanceAndSweep(ch, IDLE.minusSeconds(1));
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(ascii("DAD\n"));   // input restarts the idle period
        assertThat(readOutboundText(ch)).isEqualTo("CLIMB\n");
        advanceAndSweep(ch, IDLE.minusSeconds(1));
        assertThat(ch.isOpen()).isTrue();

        advanceAndSweep(ch, Duration.ofSeconds(1));

        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.outboundMessages()).isEmpty();   // no goodbye exists in the protocol (§6.2)
        assertThat(sweeper.size()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void partialLine_whenLfMissingForThePartialLineTimeout_thenClosedAndMemoryReturned() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("DA"));
        advanceAndSweep(ch, PARTIAL.minusSeconds(10));
        ch.writeInbound(ascii("D"));   // more bytes of the same line do not restart its deadline
        assertThat(budget.held()).isPositive();
        advanceAndSweep(ch, Duration.ofSeconds(9));
        assertThat(ch.isOpen()).isTrue();

        advanceAndSweep(ch, Duration.ofSeconds(1));

        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(budget.held()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void partialLine_whenCompletedInTime_thenAnsweredAndDeadlineCleared() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("DA"));
        advanceAndSweep(ch, PARTIAL.minusSeconds(1));
        ch.writeInbound(ascii("D\n"));
        assertThat(readOutboundText(ch)).isEqualTo("CLIMB\n");
        advanceAndSweep(ch, PARTIAL);

        assertThat(ch.isOpen()).isTrue();
        assertThat(budget.held()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void budget_whenPartialLineWouldPassTheSharedBudget_thenThatConnectionClosedOthersServed() {
        budget = new PartialLineBudget(1024);
        EmbeddedChannel first = channel(false, 1024);
        EmbeddedChannel second = channel(false, 1024);
        readOutbound(first);
        readOutbound(second);

        first.writeInbound(ascii("DAD a=" + "x".repeat(700)));   // reserves 706 of the 1024
        second.writeInbound(ascii("DAD a=" + "y".repeat(400)));   // 406 more would pass it

        assertThat(second.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
        first.writeInbound(ascii("\n"));
        assertThat(readOutboundText(first)).isEqualTo("CLIMB\n");
        assertThat(budget.held()).isZero();
        assertFalse(first.finish());
        assertFalse(second.finish());
    }

    @Test
    void connect_whenActive_thenHiBeforeAnythingIsRead() {
        EmbeddedChannel ch = channel(false, 1024);

        assertThat(readOutbound(ch)).containsExactly(0x48, 0x49, 0x0A);   // "HI" LF
        assertFalse(ch.finish());
    }

    @Test
    void conversation_whenTranscript_thenExactBytes() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("DAD\n"));
        assertThat(readOutbound(ch)).containsExactly(0x43, 0x4C, 0x49, 0x4D, 0x42, 0x0A);   // "CLIMB" LF
        ch.writeInbound(ascii("TOP\n"));
        assertThat(readOutbound(ch)).containsExactly(0x57, 0x48, 0x4F, 0x0A);               // "WHO" LF
        ch.writeInbound(ascii("MOM\n"));
        assertThat(readOutbound(ch)).containsExactly(0x42, 0x59, 0x45, 0x0A);               // "BYE" LF

        assertThat(ch.isOpen()).isTrue();   // the client closes, not the server (§6.2)
        assertFalse(ch.finish());
    }

    @Test
    void conversation_whenOutOfOrderAndRepeated_thenEachAnsweredAlone() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("MOM\nDAD\nDAD\nTOP\n"));

        assertThat(readOutboundText(ch)).isEqualTo("BYE\nCLIMB\nCLIMB\nWHO\n");
        assertFalse(ch.finish());
    }

    @Test
    void unknown_whenOtherCommandWithSentFrom_thenRoutedUnknown() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("<host:ed_signal FOO\nHI-THERE\n<my-host:x DAD\n"));

        assertThat(readOutboundText(ch))
                .isEqualTo("host:ed_signal/UNKNOWN command=FOO\nUNKNOWN command=HI-THERE\nCLIMB\n");
        assertFalse(ch.finish());
    }

    @Test
    void malformed_whenUnparsableBlankOrBadBytes_thenNoReplyAndConnectionKept() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("CMD a=\"x\"y\n\n   \n"));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 'D', 'A', 'D', '\n', 'D', 0, '\n'}));
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isTrue();

        ch.writeInbound(ascii("DAD\n"));
        assertThat(readOutboundText(ch)).isEqualTo("CLIMB\n");
        assertFalse(ch.finish());
    }

    @Test
    void malformed_whenLineOverLimit_thenConnectionClosedWithoutReply() {
        EmbeddedChannel ch = channel(false, 64);
        readOutbound(ch);

        ch.writeInbound(ascii("DAD " + "a=".repeat(40)));   // 84 bytes and no LF

        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void malformed_whenLineOverLimitThenAWholeLineInTheSameRead_thenClosedOnceAndThatLineUnanswered() {
        EmbeddedChannel ch = channel(false, 64);
        readOutbound(ch);

        ch.writeInbound(ascii("DAD " + "a=".repeat(40) + "\nDAD\n"));

        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(registry.get("switchboard.connections.closed").tag("protocol", "example")
                .tag("reason", "too_long").counter().count()).isEqualTo(1);
        assertFalse(ch.finish());
    }

    @Test
    void quit_whenRemotePeer_thenInvalidReplyAndNothingStopped() {
        EmbeddedChannel ch = channel(false, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("QUIT\n"));

        assertThat(readOutboundText(ch)).isEqualTo("INVALID command=QUIT;message=QUIT not allowed from this address\n");
        assertThat(ch.isOpen()).isTrue();
        assertThat(stops).hasValue(0);
        assertFalse(ch.finish());
    }

    @Test
    void quit_whenUnixSocketPeer_thenNoReplyConnectionClosedAndListenersStopped() {
        EmbeddedChannel ch = channel(true, 1024);
        readOutbound(ch);

        ch.writeInbound(ascii("<host:ed_signal QUIT\nDAD\n"));

        assertThat(ch.outboundMessages()).isEmpty();   // no reply to QUIT, and the DAD after it is never read
        assertThat(ch.isOpen()).isFalse();
        assertThat(stops).hasValue(1);
        assertFalse(ch.finish());
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static byte[] readOutbound(EmbeddedChannel ch) {
        ByteBuf buf = ch.readOutbound();
        assertThat(buf).isNotNull();
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    private static String readOutboundText(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            try {
                sb.append(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
        }
        return sb.toString();
    }
}
