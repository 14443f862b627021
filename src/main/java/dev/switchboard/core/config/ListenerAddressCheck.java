package dev.switchboard.core.config;

import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.NettyListener;
import dev.switchboard.core.listener.Transport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Refuses to start when two enabled listeners are configured for the same socket (same transport and
 * port on overlapping addresses, or the same unix socket file), naming both, before either binds.
 * Ephemeral ports (0) never clash.
 */
public final class ListenerAddressCheck implements SmartInitializingSingleton {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "*");

    private final ListenerRegistry registry;

    public ListenerAddressCheck(ListenerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<NettyListener> enabled = registry.all().stream()
                .filter(l -> l.definition().properties().enabled()).toList();
        for (int i = 0; i < enabled.size(); i++) {
            for (int j = i + 1; j < enabled.size(); j++) {
                NettyListener first = enabled.get(i);
                NettyListener second = enabled.get(j);
                if (clash(first.definition().properties(), second.definition().properties())) {
                    throw new ListenerAddressClashException(first.name(), second.name(),
                            address(second.definition().properties()));
                }
            }
        }
    }

    static boolean clash(ListenerProperties a, ListenerProperties b) {
        if (a.transport() != b.transport()) {
            return false;
        }
        if (a.transport() == Transport.UNIX) {
            return a.path() != null && b.path() != null
                    && a.path().toAbsolutePath().normalize().equals(b.path().toAbsolutePath().normalize());
        }
        return a.port() != null && a.port() != 0 && Objects.equals(a.port(), b.port())
                && (a.host().equals(b.host()) || WILDCARDS.contains(a.host()) || WILDCARDS.contains(b.host()));
    }

    private static String address(ListenerProperties p) {
        String transport = p.transport().name().toLowerCase(Locale.ROOT);
        return p.transport() == Transport.UNIX ? transport + " " + p.path() : transport + " " + p.host() + ":" + p.port();
    }
}
