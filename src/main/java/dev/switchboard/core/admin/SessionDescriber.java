package dev.switchboard.core.admin;

import io.netty.channel.Channel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A protocol's view of its own connections for the sessions endpoint: who is behind a channel and how
 * to end it. Protocols without one still list their connections (address, listener, accept time).
 */
public interface SessionDescriber {

    /** The protocol tag of the listeners whose connections this describes. */
    String protocol();

    /**
     * The protocol a connection speaks now, for listing and filtering: the listener's {@link #protocol()}
     * unless the connection switched to another one (an HTTP connection upgraded to a WebSocket room).
     */
    default String protocolOf(Channel channel) {
        return protocol();
    }

    /** Every name {@link #protocolOf} can return. */
    default Set<String> protocols() {
        return Set.of(protocol());
    }

    /** What the protocol knows about the connection (name, login time, state, details); empty if nothing. */
    Optional<SessionInfo> describe(Channel channel);

    /**
     * {@link #describe} for many connections at once, for listings: the same answer per channel (absent
     * when {@code describe} is empty). A protocol whose state lives on another thread overrides it to
     * fetch that state once per listing rather than once per connection.
     */
    default Map<Channel, SessionInfo> describeAll(Collection<Channel> channels) {
        Map<Channel, SessionInfo> infos = new HashMap<>();
        for (Channel channel : channels) {
            describe(channel).ifPresent(info -> infos.put(channel, info));
        }
        return infos;
    }

    /**
     * Ends the session the protocol's way (its goodbye, the notices other users get), optionally banning
     * the peer's address; called off the event loop. Protocols without a ban list refuse {@code ban}.
     */
    default void kill(Channel channel, boolean ban, String reason) {
        if (ban) {
            throw AdminException.badRequest(protocol() + " sessions have no ban list; kill without ban");
        }
        channel.close();
    }
}
