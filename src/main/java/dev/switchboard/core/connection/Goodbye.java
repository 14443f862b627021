package dev.switchboard.core.connection;

import io.netty.channel.Channel;

/**
 * A protocol's last words: what it writes before the connection ends, and when TCP closes (at once, or after
 * the peer answers, as a WebSocket closing handshake does). Called once per connection, on the channel's event
 * loop, after everything already sent has been flushed; it must close the channel, now or later.
 */
@FunctionalInterface
public interface Goodbye {

    /** Protocols with no goodbye message: the channel closes at once. */
    Goodbye CLOSE = (channel, reason) -> channel.close();

    void close(Channel channel, CloseReason reason);
}
