package dev.switchboard.core.listener;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.metrics.ChannelMetricsHandler;
import dev.switchboard.core.metrics.ChannelMetricsRecorder;
import dev.switchboard.core.netty.EventLoopGroups;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import io.netty.util.AttributeKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound socket of one protocol: binds it, owns the set of its live connections and drains them.
 * {@link #start()} and {@link #stop()} may be called repeatedly (an operator can restart a listener).
 */
public final class NettyListener {

    /** Pipeline name of the core's first stage in every connection. */
    public static final String METRICS_HANDLER = "switchboard-metrics";
    /** Pipeline name of the core's flush batching in every stream connection, right after the metrics. */
    public static final String FLUSH_HANDLER = "switchboard-flush";
    /** Flushes a busy connection at least this often even while reads keep coming. */
    private static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

    /** When the connection was accepted, for administration. */
    public static final AttributeKey<Instant> ACCEPTED_AT = AttributeKey.valueOf("switchboard.acceptedAt");

    private static final Logger log = LoggerFactory.getLogger(NettyListener.class);

    private final ListenerDefinition definition;
    private final EventLoopGroups groups;
    private final ChannelMetricsHandler metricsHandler;
    private final ChannelGroup connections;
    private final Clock clock;
    private final ConnectionAdmission admission;
    private volatile Channel serverChannel;
    private volatile boolean accepting;

    public NettyListener(ListenerDefinition definition, EventLoopGroups groups, ChannelMetricsRecorder recorder) {
        this(definition, groups, recorder, Clock.systemUTC());
    }

    public NettyListener(ListenerDefinition definition, EventLoopGroups groups, ChannelMetricsRecorder recorder,
            Clock clock) {
        this(definition, groups, recorder, clock, Duration.ofSeconds(60));
    }

    /** @param refusalLogInterval at most one WARN about refused connections per interval */
    public NettyListener(ListenerDefinition definition, EventLoopGroups groups, ChannelMetricsRecorder recorder,
            Clock clock, Duration refusalLogInterval) {
        this.admission = new ConnectionAdmission(definition.name(), definition.properties(), clock, refusalLogInterval);
        this.definition = definition;
        this.clock = clock;
        this.groups = groups;
        this.metricsHandler = new ChannelMetricsHandler(recorder.forListener(definition.name()));
        this.connections = new DefaultChannelGroup(definition.name(), GlobalEventExecutor.INSTANCE);
    }

    public String name() {
        return definition.name();
    }

    public String protocol() {
        return definition.protocol();
    }

    public ListenerDefinition definition() {
        return definition;
    }

    public boolean isRunning() {
        Channel channel = serverChannel;
        return channel != null && channel.isActive();
    }

    /** Bound address while running (an {@link InetSocketAddress} for TCP/UDP), else null. */
    public SocketAddress localAddress() {
        Channel channel = serverChannel;
        return channel != null ? channel.localAddress() : null;
    }

    /** Bound port while running a TCP or UDP listener, else -1. */
    public int port() {
        return localAddress() instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** Live connections; a UDP listener has none (its one socket is the listener, not a connection). */
    public ChannelGroup connections() {
        return connections;
    }

    /** The connection caps and their counts. */
    public ConnectionAdmission admission() {
        return admission;
    }

    /** Binds synchronously; a bind failure is thrown so a misconfigured gateway fails at startup. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        ListenerProperties props = definition.properties();
        accepting = true;
        Channel bound;
        try {
            bound = switch (props.transport()) {
                case TCP -> bindStream(new InetSocketAddress(props.host(), requirePort(props)),
                        groups.serverSocketChannelClass(), true);
                case UNIX -> bindStream(unixAddress(props), groups.serverDomainSocketChannelClass(), false);
                case UDP -> bindDatagram(new InetSocketAddress(props.host(), requirePort(props)));
            };
        } catch (Exception e) {
            // Netty rethrows the socket's checked exception unchecked; name the listener and address with it.
            if (!(e instanceof IOException)) {
                throw e;
            }
            String address = props.transport() == Transport.UNIX ? String.valueOf(props.path())
                    : props.host() + ":" + props.port();
            throw new ListenerBindException(name(), props.transport(), address, e);
        }
        serverChannel = bound;
        log.info("Listener {} ({}) bound to {}", name(), props.transport(), bound.localAddress());
    }

    private int requirePort(ListenerProperties props) {
        if (props.port() == null) {
            throw new IllegalStateException("listener " + name() + " has no port");
        }
        return props.port();
    }

    private SocketAddress unixAddress(ListenerProperties props) {
        try {
            if (props.path().getParent() != null) {
                Files.createDirectories(props.path().toAbsolutePath().getParent());
            }
            // A socket file left by a crashed process would make bind fail with "address in use".
            Files.deleteIfExists(props.path());
        } catch (IOException e) {
            throw new UncheckedIOException("listener " + name() + " cannot prepare " + props.path(), e);
        }
        return groups.domainSocketAddress(props.path());
    }

    private Channel bindStream(SocketAddress address, Class<? extends io.netty.channel.ServerChannel> type,
            boolean tcp) {
        ListenerProperties props = definition.properties();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(groups.boss(), definition.childGroup() != null ? definition.childGroup() : groups.workers())
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, props.backlog())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(props))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Connections racing with stop() are refused rather than served by a draining listener.
                        if (!accepting) {
                            ch.close();
                            return;
                        }
                        // Over a cap: closed before any protocol stage exists, so nothing is read or sent.
                        if (admission.admit(ch) != null) {
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        ch.attr(ACCEPTED_AT).set(clock.instant());
                        ch.pipeline().addLast(METRICS_HANDLER, metricsHandler);
                        // Every protocol's writes reach the socket once per event-loop turn, including
                        // broadcasts written from other threads (stateful: one per connection).
                        ch.pipeline().addLast(FLUSH_HANDLER,
                                new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        ch.pipeline().addLast(definition.initializer());
                    }
                });
        if (tcp) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        return bootstrap.bind(address).syncUninterruptibly().channel();
    }

    private Channel bindDatagram(SocketAddress address) {
        Channel channel = new Bootstrap()
                .group(groups.workers())
                .channel(groups.datagramChannelClass())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(METRICS_HANDLER, metricsHandler);
                        ch.pipeline().addLast(definition.initializer());
                    }
                })
                .bind(address).syncUninterruptibly().channel();
        return channel;
    }

    private static WriteBufferWaterMark waterMark(ListenerProperties props) {
        return new WriteBufferWaterMark((int) props.writeBufferLowWaterMark().toBytes(),
                (int) props.writeBufferHighWaterMark().toBytes());
    }

    /** Stops accepting: the server socket closes, live connections stay. */
    public synchronized void unbind() {
        accepting = false;
        Channel channel = serverChannel;
        if (channel == null) {
            return;
        }
        serverChannel = null;
        channel.close().syncUninterruptibly();
        if (definition.properties().transport() == Transport.UNIX) {
            try {
                Files.deleteIfExists(definition.properties().path());
            } catch (IOException e) {
                log.warn("Listener {}: cannot remove socket file {}: {}", name(), definition.properties().path(),
                        e.toString());
            }
        }
        log.info("Listener {} unbound", name());
    }

    /** Stops accepting and closes every connection at once (an operator's stop). */
    public void stop() {
        unbind();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Graceful end: stop accepting, say the protocol's goodbye, let queued writes reach the peers,
     * close; whatever is still open at {@code timeout} is closed hard.
     *
     * @return true if every connection closed within the timeout
     */
    public boolean drain(Duration timeout) {
        unbind();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Channel ch : connections) {
            try {
                Connection connection = Connection.of(ch);
                if (connection != null) {
                    connection.close(CoreCloseReason.SHUTDOWN, "the gateway is shutting down");
                }
            } catch (RuntimeException e) {
                log.warn("Listener {}: goodbye failed on {}: {}", name(), ch.id().asShortText(), e.toString());
            }
            // Writing via the first stage's context skips every protocol encoder; the empty write
            // completes only after everything queued before it has been flushed to the socket.
            var first = ch.pipeline().context(METRICS_HANDLER);
            if (first != null) {
                first.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
        long remaining = Math.max(0, deadline - System.nanoTime());
        boolean clean = connections.newCloseFuture().awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS);
        if (!clean) {
            log.warn("Listener {}: {} connection(s) still open after {}, closing them", name(), connections.size(),
                    timeout);
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        return clean;
    }
}
