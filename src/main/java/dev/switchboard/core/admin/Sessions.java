package dev.switchboard.core.admin;

import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.NettyListener;
import dev.switchboard.core.listener.Transport;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every live connection of every stream listener as an administrative session, enriched by the
 * protocol's {@link SessionDescriber}; the id is the channel's short id, stable for the connection's life.
 */
public final class Sessions {

    private final ListenerRegistry registry;
    private final Map<String, SessionDescriber> describers;

    public Sessions(ListenerRegistry registry, List<SessionDescriber> describers) {
        this.registry = registry;
        this.describers = describers.stream()
                .collect(Collectors.toUnmodifiableMap(SessionDescriber::protocol, Function.identity()));
    }

    /** Every protocol name a session can be listed under (and filtered by). */
    public Set<String> protocols() {
        Set<String> names = new TreeSet<>();
        for (NettyListener listener : streamListeners()) {
            SessionDescriber describer = describers.get(listener.protocol());
            names.addAll(describer != null ? describer.protocols() : Set.of(listener.protocol()));
        }
        return names;
    }

    /**
     * Sessions matching every given filter (null = any): protocol exactly (one of {@link #protocols()},
     * otherwise {@link AdminException}), address and name by case-insensitive substring.
     */
    public List<SessionDescriptor> list(String protocol, String address, String name) {
        if (protocol != null && !protocols().contains(protocol)) {
            throw AdminException.badField("protocol", "unknown protocol " + protocol + "; one of " + protocols());
        }
        List<SessionDescriptor> result = new ArrayList<>();
        for (NettyListener listener : streamListeners()) {
            SessionDescriber describer = describers.get(listener.protocol());
            List<Channel> channels = List.copyOf(listener.connections());
            // One look-up per listener, not per connection: a protocol's state may sit behind a thread hop.
            Map<Channel, SessionInfo> infos = describer == null ? Map.of() : describer.describeAll(channels);
            for (Channel channel : channels) {
                SessionDescriptor session = descriptor(listener, channel, infos.get(channel), false);
                if ((protocol == null || protocol.equals(session.protocol()))
                        && contains(session.address(), address) && contains(session.name(), name)) {
                    result.add(session);
                }
            }
        }
        result.sort(Comparator.comparing(SessionDescriptor::protocol).thenComparing(SessionDescriptor::id));
        return result;
    }

    /** One session with the protocol's full dump. */
    public Optional<SessionDescriptor> find(String id) {
        return locate(id).map(found -> describe(found.listener(), found.channel(), true));
    }

    /** Ends the session the protocol's way; throws {@link AdminException} when it does not exist. */
    public SessionDescriptor kill(String id, boolean ban, String reason) {
        Located found = locate(id).orElseThrow(() -> AdminException.notFound("no session " + id));
        SessionDescriptor before = describe(found.listener(), found.channel(), false);
        SessionDescriber describer = describers.get(found.listener().protocol());
        if (describer != null) {
            describer.kill(found.channel(), ban, reason);
        } else if (ban) {
            throw AdminException.badRequest(found.listener().protocol() + " sessions have no ban list; kill without ban");
        } else {
            found.channel().close();
        }
        return before;
    }

    private record Located(NettyListener listener, Channel channel) {
    }

    private Optional<Located> locate(String id) {
        for (NettyListener listener : streamListeners()) {
            for (Channel channel : listener.connections()) {
                if (channel.id().asShortText().equals(id)) {
                    return Optional.of(new Located(listener, channel));
                }
            }
        }
        return Optional.empty();
    }

    private List<NettyListener> streamListeners() {
        return registry.all().stream()
                .filter(l -> l.definition().properties().transport() != Transport.UDP)
                .toList();
    }

    private SessionDescriptor describe(NettyListener listener, Channel channel, boolean withDetails) {
        SessionDescriber describer = describers.get(listener.protocol());
        SessionInfo info = describer == null ? null : describer.describe(channel).orElse(null);
        return descriptor(listener, channel, info, withDetails);
    }

    private SessionDescriptor descriptor(NettyListener listener, Channel channel, SessionInfo info,
                                         boolean withDetails) {
        SessionDescriber describer = describers.get(listener.protocol());
        String protocol = describer == null ? listener.protocol() : describer.protocolOf(channel);
        return new SessionDescriptor(channel.id().asShortText(), protocol, listener.name(),
                addressOf(channel), channel.attr(NettyListener.ACCEPTED_AT).get(),
                info != null ? info.name() : null,
                info != null ? info.loginTime() : null,
                info != null ? info.state() : "connected",
                withDetails && info != null ? info.details() : null);
    }

    private static String addressOf(Channel channel) {
        Object remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return remote != null ? remote.toString() : "local";
    }

    private static boolean contains(String value, String filter) {
        return filter == null || (value != null
                && value.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)));
    }
}
