package dev.switchboard.example.handler;

import dev.switchboard.example.codec.LineDecoding;
import dev.switchboard.example.codec.MalformedLine;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.LogRotation;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The UDP log-rotate listener (spec §8): one message per datagram, handed to {@link LogRotation}.
 * Never writes anything back: the listener has no reply path (REF crashes trying, §10 D3).
 */
@ChannelHandler.Sharable
public final class LogRotateDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /** Spec §2.2: REF neither sends nor reads more than this per datagram. */
    public static final int MAX_DATAGRAM = 1024;

    private static final Logger log = LoggerFactory.getLogger(LogRotateDatagramHandler.class);

    private final LogRotation rotation;
    private final ExampleMetrics metrics;

    public LogRotateDatagramHandler(LogRotation rotation, ExampleMetrics metrics) {
        this.rotation = rotation;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // Runs on the datagram channel's event loop; SimpleChannelInboundHandler releases the packet.
        String from = String.valueOf(packet.sender());
        if (packet.content().readableBytes() > MAX_DATAGRAM) {
            metrics.malformed(MalformedLine.Reason.DATAGRAM_TOO_LARGE.name().toLowerCase(Locale.ROOT));
            log.warn("Log-rotate datagram from {} ignored: {} bytes, over the {}-byte limit", from,
                    packet.content().readableBytes(), MAX_DATAGRAM);
            return;
        }
        List<Object> decoded = new ArrayList<>(1);
        LineDecoding.decode(packet.content(), decoded);
        Object result = decoded.get(0);
        if (result instanceof MalformedLine bad) {
            metrics.malformed(bad.reason().name().toLowerCase(Locale.ROOT));
            log.warn("Log-rotate datagram from {} ignored: {} ({}): {}", from, bad.reason(), bad.detail(),
                    bad.preview());
            return;
        }
        LogRotation.Result outcome = rotation.onDatagram((ExampleMessage) result);
        metrics.logRotate(outcome.outcome().name().toLowerCase(Locale.ROOT));
        switch (outcome.outcome()) {
            case ROTATED -> log.info("Log-rotate datagram from {}: {}", from, outcome.description());
            case WRONG_SECRET -> log.error("Log-rotate datagram from {}: {}", from, outcome.description());
            default -> log.warn("Log-rotate datagram from {}: {}", from, outcome.description());
        }
    }

    /**
     * Logged and swallowed: the channel is the listener itself, and one bad datagram or socket error
     * must not close it (the core's tail handler would).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.error("Log-rotate listener {}: error while handling a datagram", ctx.channel().localAddress(), cause);
    }
}
