package dev.switchboard.example.handler;

import dev.switchboard.example.codec.LineDecoding;
import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.LogRotation;
import dev.switchboard.example.service.RefusalLogWindow;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The UDP log-rotate listener (spec §8): one message per datagram, handed to {@link LogRotation}.
 * Never writes anything back: the listener has no reply path (REF crashes trying, §10 D3). Anyone who
 * reaches the port can flood it, so refused datagrams are logged through a {@link RefusalLogWindow}
 * (one line per window plus one line with the count) and every outcome is counted in the metrics.
 */
@ChannelHandler.Sharable
public final class LogRotateDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /** Spec §2.2: REF neither sends nor reads more than this per datagram. */
    public static final int MAX_DATAGRAM = 1024;

    private static final Logger log = LoggerFactory.getLogger(LogRotateDatagramHandler.class);

    private final LogRotation rotation;
    private final ExampleMetrics metrics;
    private final RefusalLogWindow refusals;

    public LogRotateDatagramHandler(LogRotation rotation, ExampleMetrics metrics, RefusalLogWindow refusals) {
        this.rotation = rotation;
        this.metrics = metrics;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // Runs on the datagram channel's event loop; SimpleChannelInboundHandler releases the packet.
        String from = String.valueOf(packet.sender());
        if (packet.content().readableBytes() > MAX_DATAGRAM) {
            metrics.malformed(ExampleCloseReason.DATAGRAM_TOO_LARGE);
            refused(ctx, "Log-rotate datagram from " + from + " ignored: " + packet.content().readableBytes()
                    + " bytes, over the " + MAX_DATAGRAM + "-byte limit");
            return;
        }
        List<Object> decoded = new ArrayList<>(1);
        LineDecoding.decode(packet.content(), decoded);
        Object result = decoded.get(0);
        if (result instanceof MalformedInput bad && bad.reason() instanceof ExampleCloseReason reason) {
            metrics.malformed(reason);
            refused(ctx, "Log-rotate datagram from " + from + " ignored: " + reason.tag() + " (" + bad.detail()
                    + ")");
            return;
        }
        LogRotation.Result outcome = rotation.onDatagram((ExampleMessage) result);
        metrics.logRotate(outcome.outcome());
        if (outcome.refused()) {
            refused(ctx, "Log-rotate datagram from " + from + ": " + outcome.description());
            return;
        }
        switch (outcome.outcome()) {
            case DEFERRED -> {
                log.info("Log-rotate datagram from {}: {}", from, outcome.description());
                ctx.executor().schedule(rotation::runDeferred, outcome.deferFor().toMillis(), TimeUnit.MILLISECONDS);
            }
            case MERGED -> log.debug("Log-rotate datagram from {}: {}", from, outcome.description());
            default -> log.info("Log-rotate datagram from {}: {}", from, outcome.description());
        }
    }

    /** One warning per window; the rest of a burst is logged as a single count when the window ends. */
    private void refused(ChannelHandlerContext ctx, String line) {
        switch (refusals.offer()) {
            case LOG -> log.warn(line);
            case SUPPRESS_FIRST -> ctx.executor().schedule(this::logSuppressed,
                    refusals.window().toMillis(), TimeUnit.MILLISECONDS);
            case SUPPRESS -> {
            }
        }
    }

    private void logSuppressed() {
        long count = refusals.drainSuppressed();
        if (count > 0) {
            log.warn("{} more refused log-rotate datagram(s) in the last {} s were not logged one by one", count,
                    refusals.window().toSeconds());
        }
    }

    /**
     * Logged and swallowed: the channel is the listener itself, and one bad datagram or socket error
     * must not close it (the core's tail handler would).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Log-rotate listener {}: error while handling a datagram: {}", ctx.channel().localAddress(),
                cause.toString());
    }
}
