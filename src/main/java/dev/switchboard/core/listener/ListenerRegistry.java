package dev.switchboard.core.listener;

import dev.switchboard.core.metrics.ChannelMetricsRecorder;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.netty.EventLoopGroups;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;

/** Every listener the protocols contributed, by name; the one place that starts and stops them. */
public final class ListenerRegistry {

    private final Map<String, NettyListener> listeners;
    /** Listeners an operator (or a protocol's QUIT) stopped on purpose: not a failure for health. */
    private final java.util.Set<String> stoppedOnPurpose = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ApplicationEventPublisher events;

    public ListenerRegistry(List<ListenerDefinition> definitions, EventLoopGroups groups,
            ChannelMetricsRecorder recorder, MeterRegistry meters, ApplicationEventPublisher events, Clock clock) {
        this(definitions, groups, recorder, meters, events, clock, new ConnectionLimitProperties(1024,
                java.time.Duration.ofSeconds(60)));
    }

    public ListenerRegistry(List<ListenerDefinition> definitions, EventLoopGroups groups,
            ChannelMetricsRecorder recorder, MeterRegistry meters, ApplicationEventPublisher events, Clock clock,
            ConnectionLimitProperties limits) {
        this.events = events;
        DescriptorCheck.warnIfOvercommitted(definitions, limits.descriptorReserve(), DescriptorCheck.processLimit());
        Map<String, NettyListener> byName = new LinkedHashMap<>();
        for (ListenerDefinition definition : definitions) {
            NettyListener listener = new NettyListener(definition, groups, recorder, clock,
                    limits.refusalLogInterval());
            if (byName.putIfAbsent(definition.name(), listener) != null) {
                throw new IllegalStateException("two listeners named " + definition.name());
            }
            // A UDP listener's one datagram channel sits in its group but is not a connection.
            Gauge.builder(GatewayMeters.LISTENER_CONNECTIONS, listener,
                            l -> l.definition().properties().transport() == Transport.UDP ? 0 : l.connections().size())
                    .description("Open connections per listener")
                    .tag(GatewayMeters.Tags.LISTENER, listener.name())
                    .tag(GatewayMeters.Tags.PROTOCOL, listener.protocol())
                    .register(meters);
            Gauge.builder(GatewayMeters.LISTENER_UP, listener, l -> l.isRunning() ? 1 : 0)
                    .description("1 while the listener is bound, else 0")
                    .tag(GatewayMeters.Tags.LISTENER, listener.name())
                    .tag(GatewayMeters.Tags.PROTOCOL, listener.protocol())
                    .register(meters);
            registerCapMeters(listener, meters);
        }
        this.listeners = Collections.unmodifiableMap(byName);
    }

    private static void registerCapMeters(NettyListener listener, MeterRegistry meters) {
        ConnectionAdmission admission = listener.admission();
        Gauge.builder(GatewayMeters.LISTENER_CONNECTIONS_LIMIT, admission, ConnectionAdmission::maxConnections)
                .description("Most connections the listener holds at once; further ones are closed on accept")
                .tag(GatewayMeters.Tags.LISTENER, listener.name())
                .tag(GatewayMeters.Tags.PROTOCOL, listener.protocol())
                .register(meters);
        Gauge.builder(GatewayMeters.LISTENER_CONNECTIONS_UNAUTHENTICATED, admission, ConnectionAdmission::unauthenticated)
                .description("Open connections that have not yet logged in")
                .tag(GatewayMeters.Tags.LISTENER, listener.name())
                .tag(GatewayMeters.Tags.PROTOCOL, listener.protocol())
                .register(meters);
        for (ConnectionRefusal reason : ConnectionRefusal.values()) {
            FunctionCounter.builder(GatewayMeters.LISTENER_CONNECTIONS_REFUSED, admission, a -> a.refused(reason))
                    .description("Connections closed on accept because a connection cap was reached, by cap")
                    .tag(GatewayMeters.Tags.LISTENER, listener.name())
                    .tag(GatewayMeters.Tags.PROTOCOL, listener.protocol())
                    .tag(GatewayMeters.Tags.REASON, reason.tag())
                    .register(meters);
        }
    }

    public Collection<NettyListener> all() {
        return listeners.values();
    }

    public Optional<NettyListener> find(String name) {
        return Optional.ofNullable(listeners.get(name));
    }

    private NettyListener require(String name) {
        NettyListener listener = listeners.get(name);
        if (listener == null) {
            throw new NoSuchElementException("no listener named " + name);
        }
        return listener;
    }

    /** Binds the listener (even one disabled in configuration: this is the operator's explicit start). */
    public NettyListener start(String name) {
        NettyListener listener = require(name);
        stoppedOnPurpose.remove(name);
        if (!listener.isRunning()) {
            listener.start();
            events.publishEvent(new ListenerStartedEvent(listener));
        }
        return listener;
    }

    /**
     * Unbinds the listener; its live connections stay (QUIT semantics) unless {@code closeConnections}.
     * A listener that serves nothing (disabled, or down after a failed bind) keeps its state: marking it
     * stopped on purpose would show a disabled listener as stopped and hide a failed one from readiness.
     */
    public NettyListener stop(String name, boolean closeConnections) {
        NettyListener listener = require(name);
        if (listener.isRunning() || !listener.connections().isEmpty()) {
            stoppedOnPurpose.add(name);
        }
        if (closeConnections) {
            listener.stop();
        } else {
            listener.unbind();
        }
        return listener;
    }

    /** Whether the listener's last stop was deliberate rather than a failure to bind. */
    public boolean isStoppedOnPurpose(String name) {
        return stoppedOnPurpose.contains(name);
    }

    /** Binds every listener enabled in configuration. */
    void startEnabled() {
        for (NettyListener listener : listeners.values()) {
            if (listener.definition().properties().enabled()) {
                start(listener.name());
            }
        }
    }
}
