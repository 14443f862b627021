package dev.switchboard.core.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;

/**
 * A listener a protocol contributes as a bean; the core binds it, meters it and drains it. What a connection is
 * told on graceful shutdown is its core {@code Connection}'s goodbye, attached by the initializer.
 *
 * @param name unique listener name, also the key of {@code local.switchboard.<name>.port}
 * @param protocol the protocol tag used in metrics and administration
 * @param properties where to bind
 * @param initializer builds each accepted connection's pipeline (for UDP: the datagram channel's)
 * @param childGroup the event loops accepted connections run on; null means the shared workers
 */
public record ListenerDefinition(String name, String protocol, ListenerProperties properties,
        ChannelInitializer<Channel> initializer, EventLoopGroup childGroup) {

    public ListenerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(initializer, "initializer");
    }

    public ListenerDefinition(String name, String protocol, ListenerProperties properties,
            ChannelInitializer<Channel> initializer) {
        this(name, protocol, properties, initializer, null);
    }
}
