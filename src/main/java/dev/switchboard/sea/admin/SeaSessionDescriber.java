package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.SessionDescriber;
import dev.switchboard.core.admin.SessionInfo;
import dev.switchboard.sea.SeaConfiguration;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.service.SeaSessionInfo;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SEA users in the sessions endpoint. This node's sessions (in a cluster the roster also holds the other nodes',
 * whose connections are elsewhere) are matched to a connection by its remote ip:port, so
 * nothing here reads SEA state off the roster thread; a kill (with ban) goes through the SEA operations
 * and so every other client gets DELETEUSER.
 */
public final class SeaSessionDescriber implements SessionDescriber {

    private final SeaAdministration administration;

    public SeaSessionDescriber(SeaAdministration administration) {
        this.administration = administration;
    }

    @Override
    public String protocol() {
        return SeaConfiguration.PROTOCOL;
    }

    @Override
    public Optional<SessionInfo> describe(Channel channel) {
        return sessionOf(channel).map(SeaSessionDescriber::info);
    }

    /** One roster snapshot for the whole listing: a round trip per connection would make listing quadratic. */
    @Override
    public Map<Channel, SessionInfo> describeAll(Collection<Channel> channels) {
        Map<String, SeaSessionInfo> byEndpoint = index(administration.localSessions());
        Map<Channel, SessionInfo> infos = new HashMap<>();
        for (Channel channel : channels) {
            String endpoint = endpointOf(channel);
            SeaSessionInfo session = endpoint == null ? null : byEndpoint.get(endpoint);
            if (session != null) {
                infos.put(channel, info(session));
            }
        }
        return infos;
    }

    @Override
    public void kill(Channel channel, boolean ban, String reason) {
        SeaSessionInfo session = sessionOf(channel)
                .orElseThrow(() -> AdminException.notFound("the SEA session has already ended"));
        administration.kill(session.id(), ban);
    }

    private Optional<SeaSessionInfo> sessionOf(Channel channel) {
        String endpoint = endpointOf(channel);
        if (endpoint == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(index(administration.localSessions()).get(endpoint));
    }

    /** Sessions by ip:port; the first in roster order wins, as a linear search would find it. */
    private static Map<String, SeaSessionInfo> index(List<SeaSessionInfo> sessions) {
        Map<String, SeaSessionInfo> byEndpoint = new HashMap<>();
        for (SeaSessionInfo s : sessions) {
            byEndpoint.putIfAbsent(s.ip() + ":" + s.port(), s);
        }
        return byEndpoint;
    }

    private static String endpointOf(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null) {
            return null;
        }
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    private static SessionInfo info(SeaSessionInfo s) {
        return new SessionInfo(s.username().isEmpty() ? null : s.username(), s.loggedInAt(),
                s.state().toLowerCase(Locale.ROOT), dump(s));
    }

    private static Map<String, Object> dump(SeaSessionInfo s) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("seaId", s.id());
        details.put("compname", s.compname());
        details.put("version", s.version());
        details.put("faculty", s.faculty());
        details.put("room", s.room());
        details.put("info", s.info());
        details.put("printer", s.printer());
        details.put("away", s.away());
        details.put("maxPenalty", s.maxPenalty());
        details.put("penaltyTimer", s.penaltyTimer());
        details.put("lastActivity", s.lastActivity());
        details.put("idleSeconds", s.idleSeconds());
        details.put("throttled", s.throttled());
        details.put("node", s.node());
        return details;
    }
}
