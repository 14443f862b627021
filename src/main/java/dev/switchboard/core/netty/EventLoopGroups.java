package dev.switchboard.core.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The process-wide boss and worker event loops, and the channel classes of the transport they run.
 * Every listener and every client connection (archiver, tools) shares these, so the thread count is
 * fixed by configuration rather than by the number of protocols.
 */
public final class EventLoopGroups implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventLoopGroups.class);

    private final NettyProperties properties;
    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final IoHandlerFactory ioFactory;

    public EventLoopGroups(NettyProperties properties) {
        this.properties = properties;
        this.epoll = chooseEpoll(properties.transport());
        this.ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(properties.bossThreads(),
                new DefaultThreadFactory("switchboard-boss"), ioFactory);
        this.workers = new MultiThreadIoEventLoopGroup(properties.effectiveWorkerThreads(),
                new DefaultThreadFactory("switchboard-worker"), ioFactory);
        log.info("Netty transport: {} ({} worker threads)", epoll ? "native epoll" : "NIO",
                properties.effectiveWorkerThreads());
    }

    private static boolean chooseEpoll(NettyProperties.TransportKind kind) {
        return switch (kind) {
            case NIO -> false;
            case EPOLL -> {
                Epoll.ensureAvailability();
                yield true;
            }
            case AUTO -> {
                if (!Epoll.isAvailable()) {
                    log.info("Native epoll unavailable ({}), falling back to NIO",
                            Epoll.unavailabilityCause().toString());
                }
                yield Epoll.isAvailable();
            }
        };
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    /**
     * A separate group of this transport, for a protocol that must run its connections on threads of
     * its own; the caller shuts it down.
     */
    public EventLoopGroup newGroup(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true), ioFactory);
    }

    public boolean isEpoll() {
        return epoll;
    }

    public Class<? extends ServerChannel> serverSocketChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverDomainSocketChannelClass() {
        return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    public Class<? extends Channel> domainSocketChannelClass() {
        return epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    /** The socket address type this transport's domain-socket channels accept for {@code path}. */
    public SocketAddress domainSocketAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }

    public Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Runs after every listener has drained (listeners are lifecycle beans stopped before destruction). */
    @Override
    public void destroy() {
        long quiet = properties.shutdownQuietPeriod().toMillis();
        long timeout = Math.max(quiet, properties.shutdownTimeout().toMillis());
        boss.shutdownGracefully(quiet, timeout, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(quiet, timeout, TimeUnit.MILLISECONDS);
        boss.terminationFuture().awaitUninterruptibly(timeout);
        workers.terminationFuture().awaitUninterruptibly(timeout);
    }
}
