package dev.switchboard.rooms;

import dev.switchboard.cluster.BackplaneStateChangedEvent;
import dev.switchboard.cluster.NodeLeftEvent;
import dev.switchboard.rooms.cluster.ClusterRoomsIntake;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * The cluster's membership and availability as the rooms see them: a node that left has its members removed
 * everywhere; when the backplane returns, members this node no longer has a session for leave; and when it stays
 * away longer than {@code switchboard.cluster.node-timeout} (by then the others have declared this node gone), every
 * member of this node is closed with 1012 so its client reconnects to a node that can reach the others.
 */
final class RoomsClusterEvents {

    private static final Logger log = LoggerFactory.getLogger(RoomsClusterEvents.class);

    private final ClusterRoomsIntake intake;
    private final ScheduledExecutorService owner;
    private final Duration nodeTimeout;
    /** Counts outages, so the cut-off of one outage never fires during a later one. */
    private final AtomicLong outages = new AtomicLong();

    RoomsClusterEvents(ClusterRoomsIntake intake, ScheduledExecutorService owner, Duration nodeTimeout) {
        this.intake = intake;
        this.owner = owner;
        this.nodeTimeout = nodeTimeout;
    }

    @EventListener
    public void nodeLeft(NodeLeftEvent event) {
        intake.nodeGone(event.nodeId());
    }

    @EventListener
    public void backplaneChanged(BackplaneStateChangedEvent event) {
        long outage = outages.incrementAndGet();
        if (event.available()) {
            intake.backplaneReturned();
            return;
        }
        owner.schedule(() -> {
            if (outages.get() == outage && !intake.accepting()) {
                log.warn("Cluster backplane away for more than {}: closing this node's rooms members (1012) so they"
                        + " reconnect", nodeTimeout);
                intake.cutOff("this node lost the cluster for more than " + nodeTimeout);
            }
        }, nodeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
