package dev.switchboard.core.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;

/**
 * A listener a protocol contributes as a bean; the core binds it, meters it and drains it.
 *
 * @param name unique listener name, also the key of {@code local.switchboard.<name>.port}
 * @param protocol the protocol tag used in metrics and administration
 * @param properties where to bind
 * @param initializer builds each accepted connection's pipeline (for UDP: the datagram channel's)
 * @param goodbye what a connection is told on graceful shutdown
 * @param childGroup the event loops accepted connections run on; null means the shared workers
 */
public record ListenerDefinition(String name, String protocol, ListenerProperties properties,
        ChannelInitializer<Channel> initializer, ConnectionGoodbye goodbye, EventLoopGroup childGroup) {

    public ListenerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(initializer, "initializer");
        goodbye = goodbye == null ? ConnectionGoodbye.NONE : goodbye;
    }

    public ListenerDefinition(String name, String protocol, ListenerProperties properties,
            ChannelInitializer<Channel> initializer, ConnectionGoodbye goodbye) {
        this(name, protocol, properties, initializer, goodbye, null);
    }

    public ListenerDefinition(String name, String protocol, ListenerProperties properties,
            ChannelInitializer<Channel> initializer) {
        this(name, protocol, properties, initializer, ConnectionGoodbye.NONE);
    }
}
