package dev.switchboard.core.listener;

import io.netty.channel.Channel;

/**
 * What a protocol tells a connection when the gateway shuts down gracefully, before the core closes
 * it (a WebSocket close 1001, for example). Called once per connection on any thread; implementations
 * write and flush, and may close the channel themselves.
 */
@FunctionalInterface
public interface ConnectionGoodbye {

    /** Protocols with no goodbye message: the core just flushes and closes. */
    ConnectionGoodbye NONE = channel -> { };

    void sayGoodbye(Channel channel);
}
