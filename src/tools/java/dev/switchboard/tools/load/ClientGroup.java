package dev.switchboard.tools.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The driver's own client event loops (never the gateway's) and a way to open connections from them,
 * spread round-robin over the configured loopback source addresses.
 */
final class ClientGroup implements AutoCloseable {

    /** Names the client event-loop threads, so their CPU time can be told apart from the rest of the driver. */
    static final String THREAD_PREFIX = "load-client";

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<InetSocketAddress> targets;
    private final List<InetAddress> sources;

    ClientGroup(int threads, List<InetSocketAddress> targets, List<InetAddress> sources) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(THREAD_PREFIX, true), io);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                // The driver closes first, so a normal close would leave every socket in TIME_WAIT on
                // this side for a minute: a churning run makes ~100k of them and exhausts the
                // ephemeral ports that everything else on the machine binds with port 0. Aborting
                // (RST) leaves none; the peer sees a reset instead of an EOF, after the exchange.
                .option(ChannelOption.SO_LINGER, 0);
        if (epoll) {
            // Binding a source address with port 0 would pick the port at bind() time, scanning past
            // every TIME_WAIT socket of that address and failing once the range is used up; this
            // defers the choice to connect(), which shares ports across destinations and reuses
            // loopback TIME_WAIT entries (net.ipv4.tcp_tw_reuse).
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        this.targets = targets;
        this.sources = sources;
    }

    /** Connects connection {@code index}; {@code init} builds its pipeline on the channel's event loop. */
    ChannelFuture connect(int index, Consumer<Channel> init) {
        return connect(index, group, init);
    }

    /** As {@link #connect(int, Consumer)}, with the channel registered on {@code loop}. */
    ChannelFuture connect(int index, EventLoopGroup loop, Consumer<Channel> init) {
        Bootstrap b = bootstrap.clone(loop).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                init.accept(ch);
            }
        });
        InetSocketAddress target = targets.get(index % targets.size());
        if (sources.size() == 1 && sources.get(0).equals(target.getAddress())) {
            return b.connect(target);
        }
        // Each source address has its own ephemeral port range towards the target, so K sources
        // allow K times as many simultaneous connections as one.
        return b.connect(target, new InetSocketAddress(sources.get(index % sources.size()), 0));
    }

    EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
