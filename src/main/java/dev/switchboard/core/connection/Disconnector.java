package dev.switchboard.core.connection;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one way any connection ends. The first close of a connection claims its reason, writes one log line at
 * the reason's severity and counts {@code switchboard_connections_closed_total{protocol,reason}}; the protocol's
 * {@link Goodbye} then runs as its own task on the channel's event loop, never inline, so a close requested
 * from inside a broadcast, a room update or a pipeline callback cannot re-enter the caller. Later closes of the
 * same connection do nothing. Thread-safe.
 */
public final class Disconnector {

    private static final Logger log = LoggerFactory.getLogger(Disconnector.class);

    private final MeterRegistry registry;
    /** Bounded by protocols × reason constants. */
    private final Map<String, Map<CloseReason, Counter>> closed = new ConcurrentHashMap<>();

    public Disconnector(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Ends {@code connection} for {@code reason}; returns false when it was already ending. */
    public boolean close(Connection connection, CloseReason reason, String detail) {
        if (!connection.claim(reason)) {
            return false;
        }
        logClose(connection, reason, detail);
        count(connection, reason);
        try {
            connection.channel().eventLoop().execute(() -> connection.sayGoodbye(reason));
        } catch (RejectedExecutionException loopGone) {
            connection.channel().close();
        }
        return true;
    }

    /**
     * The peer ended the connection (its channel closed, or it said so in the protocol): counts the peer's close
     * unless the gateway had claimed a reason first, which is then what the connection ended for.
     */
    boolean peerClosed(Connection connection) {
        if (!connection.claim(CoreCloseReason.PEER_CLOSED)) {
            return false;
        }
        if (log.isDebugEnabled()) {
            log.debug(ChannelLog.format(connection.channel(), connection.protocol() + " connection closed by the peer"));
        }
        count(connection, CoreCloseReason.PEER_CLOSED);
        return true;
    }

    private static void logClose(Connection connection, CloseReason reason, String detail) {
        String line = connection.protocol() + " connection closed (" + reason.tag() + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        switch (reason.severity()) {
            case VIOLATION -> log.warn(ChannelLog.format(connection.channel(), line));
            case NOTICE -> log.info(ChannelLog.format(connection.channel(), line));
            case ROUTINE -> {
                if (log.isDebugEnabled()) {
                    log.debug(ChannelLog.format(connection.channel(), line));
                }
            }
        }
    }

    private void count(Connection connection, CloseReason reason) {
        closed.computeIfAbsent(connection.protocol(), protocol -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> Counter.builder(GatewayMeters.CONNECTIONS_CLOSED)
                        .description("Connections ended, by protocol and reason")
                        .tag(GatewayMeters.Tags.PROTOCOL, connection.protocol())
                        .tag(GatewayMeters.Tags.REASON, r.tag())
                        .register(registry))
                .increment();
    }
}
