package dev.switchboard.sea.archiver;

import dev.switchboard.core.netty.EventLoopGroups;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;

/**
 * The event loops and channel classes the archiver client connects with; the core's {@code EventLoopGroups}
 * provides them ({@code workers()}, {@code socketChannelClass()}, {@code domainSocketChannelClass()}).
 *
 * @param group                    event loops for the client channel (shared, not owned by the client)
 * @param socketChannelClass       TCP client channel class (e.g. {@code NioSocketChannel})
 * @param domainSocketChannelClass Unix-domain client channel class ({@code NioDomainSocketChannel} or
 *                                 {@code EpollDomainSocketChannel})
 */
public record ArchiverTransport(EventLoopGroup group, Class<? extends Channel> socketChannelClass,
        Class<? extends Channel> domainSocketChannelClass) {

    public ArchiverTransport {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(socketChannelClass, "socketChannelClass");
        Objects.requireNonNull(domainSocketChannelClass, "domainSocketChannelClass");
    }

    /** The shared worker event loops and the configured transport's client channel classes. */
    public static ArchiverTransport of(EventLoopGroups groups) {
        return new ArchiverTransport(groups.workers(), groups.socketChannelClass(), groups.domainSocketChannelClass());
    }
}
