package dev.switchboard.core.listener;

import dev.switchboard.core.shutdown.ShutdownProperties;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Binds the listeners once everything else has started and drains them first on shutdown, in the
 * order operators expect: readiness goes down, sockets stop accepting, sessions get their goodbye and
 * queued writes, then whatever is left is closed. Event loops are shut down afterwards, when the
 * {@code EventLoopGroups} bean is destroyed.
 */
public final class ListenerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerLifecycle.class);

    private final ListenerRegistry registry;
    private final ShutdownProperties shutdown;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile boolean stoppedBefore;

    public ListenerLifecycle(ListenerRegistry registry, ShutdownProperties shutdown, ApplicationEventPublisher events) {
        this.registry = registry;
        this.shutdown = shutdown;
        this.events = events;
    }

    /**
     * Binds the enabled listeners. Boot reports readiness after the first start; a restart (a paused
     * context resumed, as the test framework does) reports it here, since it went down in {@link #stop()}.
     */
    @Override
    public void start() {
        registry.startEnabled();
        running = true;
        if (stoppedBefore) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Override
    public void stop() {
        running = false;
        stoppedBefore = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        List<NettyListener> listeners = List.copyOf(registry.all());
        listeners.forEach(NettyListener::unbind);
        List<CompletableFuture<Boolean>> drains = listeners.stream()
                .map(l -> CompletableFuture.supplyAsync(() -> l.drain(shutdown.drainTimeout())))
                .toList();
        long unclean = drains.stream().map(CompletableFuture::join).filter(clean -> !clean).count();
        log.info("Listeners drained ({} forced)", unclean);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Latest phase: bound after the management server is up, drained before it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
