package dev.switchboard.sea.cluster;

import dev.switchboard.cluster.Backplane;
import dev.switchboard.cluster.BackplaneStateChangedEvent;
import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.cluster.ClusterNode;
import dev.switchboard.cluster.NodeLeftEvent;
import dev.switchboard.cluster.ReplicatedLog;
import dev.switchboard.cluster.ReplicatedState;
import dev.switchboard.sea.service.SeaRosterEvent;
import dev.switchboard.sea.service.SeaRosterLog;
import dev.switchboard.sea.service.SeaRosterState;
import dev.switchboard.sea.service.SeaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SEA roster as a replicated state machine on the cluster channel {@value #CHANNEL}: {@link SeaService}
 * submits its events here, every node reads them back in the channel's one order and applies them on its roster
 * executor, its own included. That one order is what gives spec §4.5 across nodes: every node applies every roster
 * change and delivery in the same sequence, so every client sees ADDUSER, DELETEUSER, RENAME… in the same order,
 * IDs come from one allocator state, and a USERLIST is an exact snapshot of the roster at its LOGIN's place in the
 * channel.
 *
 * <p>Also: a node that leaves (goodbye or timeout) has its sessions ended by every survivor submitting
 * {@link SeaRosterEvent.NodeGone}; while the channel is not synced the service refuses new sessions, and past the
 * node timeout closes this node's.
 */
public final class SeaClusterRoster implements SeaRosterLog, ReplicatedState, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeaClusterRoster.class);
    /** The replicated channel of the SEA roster. */
    public static final String CHANNEL = "sea";

    private final Backplane backplane;
    private final Executor roster;
    private final Clock clock;
    /** When this node's roster stopped being current (clock millis); 0 while it is. */
    private final AtomicLong unsyncedSince = new AtomicLong();
    private volatile SeaService service;
    private volatile ReplicatedLog replicated;
    /** Whether an undecodable event has been reported (once per run: every node meets the same ones). */
    private boolean badEventReported;

    public SeaClusterRoster(Backplane backplane, Executor roster, Clock clock) {
        this.backplane = backplane;
        this.roster = roster;
        this.clock = clock;
    }

    /** Joins the channel: the state is restored from the newest snapshot, then the later events are applied. */
    public void start(SeaService seaService) {
        this.service = seaService;
        this.replicated = backplane.replicate(CHANNEL, roster, this);
    }

    // ------------------------------------------------------------------ SeaRosterLog (roster executor)

    @Override
    public boolean replicated() {
        return true;
    }

    @Override
    public void submit(SeaService seaService, SeaRosterEvent event) {
        ReplicatedLog channel = replicated;
        if (channel == null) {
            seaService.submitFailed(event);
            return;
        }
        channel.submit(SeaRosterCodec.encode(event)).whenComplete((id, failure) -> {
            if (failure != null) {
                onRoster(() -> seaService.submitFailed(event));
            }
        });
    }

    @Override
    public boolean synced() {
        ReplicatedLog channel = replicated;
        boolean synced = channel != null && channel.synced();
        if (synced) {
            unsyncedSince.set(0);
        } else {
            unsyncedSince.compareAndSet(0, Math.max(1, clock.millis()));
        }
        return synced;
    }

    @Override
    public long unsyncedMillis() {
        if (synced()) {
            return 0;
        }
        return Math.max(0, clock.millis() - unsyncedSince.get());
    }

    // ------------------------------------------------------------------ ReplicatedState (roster executor)

    @Override
    public void apply(ClusterEvent event) {
        SeaRosterEvent decoded;
        try {
            decoded = SeaRosterCodec.decode(event.payload());
        } catch (IllegalArgumentException e) {
            if (!badEventReported) {
                badEventReported = true;
                log.warn("SEA roster event {} from node {} ignored: {} (later ones are ignored silently)", event.id(),
                        event.origin(), e.getMessage());
            }
            return;
        }
        try {
            service.apply(decoded);
        } catch (RuntimeException e) {
            // a defect, not bad input: every node meets it at the same event; the roster goes on with the next
            log.error("SEA roster event {} ({}) from node {} failed to apply", event.id(),
                    decoded.getClass().getSimpleName(), event.origin(), e);
        }
    }

    @Override
    public byte[] snapshot() {
        return SeaRosterCodec.encode(service.snapshotState());
    }

    @Override
    public void restore(byte[] snapshot) {
        SeaRosterState state = SeaRosterState.EMPTY;
        if (snapshot.length > 0) {
            try {
                state = SeaRosterCodec.decodeState(snapshot);
            } catch (IllegalArgumentException e) {
                log.warn("SEA roster snapshot ignored ({}); starting from an empty roster", e.getMessage());
            }
        }
        service.restoreState(state);
        // sessions of nodes that are no longer alive (they died while no node was there to notice) end now
        Set<String> alive = new HashSet<>();
        for (ClusterNode node : backplane.nodes()) {
            alive.add(node.id());
        }
        for (String node : service.sessionNodes()) {
            if (!alive.contains(node)) {
                service.nodeLeft(node);
            }
        }
    }

    // ------------------------------------------------------------------ cluster events (heartbeat thread)

    /** Another node left: its sessions end, on every node, in the channel's order. */
    @EventListener
    public void nodeLeft(NodeLeftEvent event) {
        SeaService seaService = service;
        if (seaService != null) {
            onRoster(() -> seaService.nodeLeft(event.nodeId()));
        }
    }

    /** Notes the moment the backplane went away, so the node timeout is counted from then. */
    @EventListener
    public void backplaneChanged(BackplaneStateChangedEvent event) {
        if (!event.available()) {
            unsyncedSince.compareAndSet(0, Math.max(1, clock.millis()));
        }
    }

    private void onRoster(Runnable task) {
        try {
            roster.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the gateway is stopping: the roster and its sessions go with it
        }
    }

    @Override
    public void destroy() {
        ReplicatedLog channel = replicated;
        if (channel != null) {
            channel.close();
        }
    }
}
