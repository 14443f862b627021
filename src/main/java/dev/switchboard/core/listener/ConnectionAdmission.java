package dev.switchboard.core.listener;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's connection caps: at most {@code max-connections} open, and at most
 * {@code max-unauthenticated-per-address} from one address that have not authenticated yet. A
 * connection over a cap is closed as soon as it is accepted, counted by reason, and reported by one
 * WARN per burst. Protocols with a login call {@link #authenticated(Channel)} when it succeeds.
 * Thread-safe: connections are admitted on every I/O thread.
 */
public final class ConnectionAdmission {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);
    private static final AttributeKey<Slot> SLOT = AttributeKey.valueOf(ConnectionAdmission.class, "slot");

    private final String listener;
    private final int maxConnections;
    private final int maxUnauthenticatedPerAddress;
    private final Clock clock;
    private final Duration logInterval;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger unauthenticated = new AtomicInteger();
    private final Map<InetAddress, Integer> unauthenticatedByAddress = new ConcurrentHashMap<>();
    private final Map<ConnectionRefusal, AtomicLong> refused = new EnumMap<>(ConnectionRefusal.class);
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);

    ConnectionAdmission(String listener, ListenerProperties properties, Clock clock, Duration logInterval) {
        this.listener = listener;
        this.maxConnections = properties.maxConnections();
        this.maxUnauthenticatedPerAddress = properties.maxUnauthenticatedPerAddress();
        this.clock = clock;
        this.logInterval = logInterval;
        for (ConnectionRefusal reason : ConnectionRefusal.values()) {
            refused.put(reason, new AtomicLong());
        }
    }

    /**
     * The connection no longer counts against its address's cap of unauthenticated connections (a SEA
     * login succeeded, for example). Idempotent; a channel no listener admitted is ignored.
     */
    public static void authenticated(Channel channel) {
        Slot slot = channel.attr(SLOT).get();
        if (slot != null) {
            slot.authenticate();
        }
    }

    /**
     * Takes a place for {@code channel}, or refuses it. An admitted channel gives its place back when it
     * closes.
     *
     * @return null if admitted, else why it must be closed
     */
    ConnectionRefusal admit(Channel channel) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return refuse(ConnectionRefusal.MAX_CONNECTIONS);
        }
        InetAddress address = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address != null) {
            Integer fromAddress = unauthenticatedByAddress.merge(address, 1, Integer::sum);
            if (fromAddress > maxUnauthenticatedPerAddress) {
                release(address);
                open.decrementAndGet();
                return refuse(ConnectionRefusal.UNAUTHENTICATED_PER_ADDRESS);
            }
        }
        unauthenticated.incrementAndGet();
        Slot slot = new Slot(address);
        channel.attr(SLOT).set(slot);
        channel.closeFuture().addListener(f -> {
            slot.authenticate();
            open.decrementAndGet();
        });
        return null;
    }

    private void release(InetAddress address) {
        unauthenticatedByAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private ConnectionRefusal refuse(ConnectionRefusal reason) {
        refused.get(reason).incrementAndGet();
        refusedSinceLog.incrementAndGet();
        long now = clock.millis();
        long due = nextLogAt.get();
        if (now >= due && nextLogAt.compareAndSet(due, now + logInterval.toMillis())) {
            long reported = refusedSinceLog.getAndSet(0);
            log.warn("Listener {}: refusing connections ({} refused since the last report, latest: {}); open {} of {},"
                    + " unauthenticated per address at most {}", listener, reported, reason.tag(), open.get(),
                    maxConnections, maxUnauthenticatedPerAddress);
        }
        return reason;
    }

    public int open() {
        return open.get();
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Open connections not authenticated yet (every connection of a protocol without a login). */
    public int unauthenticated() {
        return unauthenticated.get();
    }

    /** Connections refused for {@code reason} since startup. */
    public long refused(ConnectionRefusal reason) {
        return refused.get(reason).get();
    }

    /** A connection's place among its address's unauthenticated ones, given back once. */
    private final class Slot {
        private final InetAddress address;
        private final AtomicBoolean counted = new AtomicBoolean(true);

        Slot(InetAddress address) {
            this.address = address;
        }

        void authenticate() {
            if (counted.compareAndSet(true, false)) {
                unauthenticated.decrementAndGet();
                if (address != null) {
                    release(address);
                }
            }
        }
    }
}
