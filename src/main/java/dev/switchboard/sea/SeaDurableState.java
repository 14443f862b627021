package dev.switchboard.sea;

import dev.switchboard.cluster.BackplaneStateChangedEvent;
import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.cluster.ClusterEvents;
import dev.switchboard.cluster.ClusterState;
import dev.switchboard.cluster.DurableStore;
import dev.switchboard.cluster.DurableStoreException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.SeaOperatorState;
import dev.switchboard.sea.service.SeaService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the SEA operator state (bans, blacklist, run-time settings) in the cluster's {@link DurableStore},
 * so it survives a restart of the gateway and, with {@code redis}, of Redis, and is shared by the nodes.
 *
 * <ul>
 *   <li>At startup, before any listener opens, the stored state is added to the configured one (the
 *       configured bans and patterns stay; stored settings win), and the union is stored.</li>
 *   <li>Every successful administrative action, and a check once a second (flood and blacklist bans,
 *       expiries), stores the state when it differs from what was stored last; the node then tells the
 *       others on the {@value #CHANNEL} channel, and they load it in place of theirs.</li>
 *   <li>When the backplane becomes available again (Redis back, maybe restarted empty), the stored state
 *       is loaded; when Redis has none, this node writes its copy back (only if no other node did first).</li>
 * </ul>
 *
 * <p>Store I/O runs on one thread of its own, never on the roster or I/O threads; the state is applied
 * on the roster thread. Failures are logged by the store (once) and retried at the next check.
 */
final class SeaDurableState implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeaDurableState.class);
    /** The store key and the event channel of the SEA operator state. */
    static final String KEY = "sea-operator-state";
    static final String CHANNEL = "sea-operator-state";
    /** How often the state is compared with what was stored; an admin action stores at once. */
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration ROSTER_WAIT = Duration.ofSeconds(10);

    private final DurableStore store;
    private final ClusterState cluster;
    private final ClusterEvents events;
    private final SeaService service;
    private final Executor roster;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final ScheduledExecutorService worker;
    /** What the store holds as far as this node knows; touched on the worker thread only. */
    private SeaOperatorState stored;
    /** Whether the store has been read (or written) once; touched on the worker thread only. */
    private boolean loaded;
    private AutoCloseable subscription;

    SeaDurableState(DurableStore store, ClusterState cluster, ClusterEvents events, SeaService service, Executor roster,
                    AuditLog audit, Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.events = events;
        this.service = service;
        this.roster = roster;
        this.audit = audit;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sea-durable-state");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        // on the worker thread, waited for: the listeners open only after the stored bans are in force
        worker.submit(() -> load(false)).get(ROSTER_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        subscription = events.subscribe(CHANNEL, ClusterEvents.Start.LATEST, this::changedElsewhere);
        audit.addListener(entry -> {
            if ("ok".equals(entry.result())) {
                submit(this::saveIfChanged);
            }
        });
        long period = CHECK_INTERVAL.toMillis();
        worker.scheduleWithFixedDelay(() -> safely(this::saveIfChanged), period, period, TimeUnit.MILLISECONDS);
    }

    /** Redis came back, possibly restarted without its data: load what it holds, or give it ours. */
    @EventListener
    void backplaneChanged(BackplaneStateChangedEvent event) {
        if (event.available()) {
            submit(() -> load(true));
        }
    }

    /** Queues work for the worker; after {@link #destroy()} there is nothing left to keep. */
    private void submit(Runnable work) {
        try {
            worker.execute(() -> safely(work));
        } catch (RejectedExecutionException e) {
            log.debug("SEA operator state: the gateway is stopping, nothing more is stored");
        }
    }

    @Override
    public void destroy() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        try {
            // a last check: a ban added in the final second is stored before the process ends
            worker.submit(this::saveIfChanged).get(ROSTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("last SEA state check failed: {}", e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    /** Runs one round of work; a failure is logged and the next round tries again (a periodic task would stop). */
    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("SEA operator state not synchronised: {}", e.toString());
        }
    }

    private void changedElsewhere(ClusterEvent event) {
        if (!event.origin().equals(cluster.nodeId())) {
            submit(() -> load(true));
        }
    }

    /**
     * Loads the stored state into the service ({@code replace}: exactly it; else added to the
     * configured state), or stores this node's state when the store holds none. Worker thread.
     */
    private void load(boolean replaceWhenLoaded) {
        // until the first load succeeded (Redis down at startup) the configured entries are still to be kept
        boolean replace = replaceWhenLoaded && loaded;
        Optional<String> text;
        try {
            text = store.get(KEY);
        } catch (DurableStoreException e) {
            log.debug("SEA operator state not loaded: {}", e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            SeaOperatorState current = capture();
            try {
                if (store.putIfAbsent(KEY, json.writeValueAsString(current))) {
                    stored = current;
                    loaded = true;
                    announce();
                } else {
                    load(replaceWhenLoaded);
                }
            } catch (DurableStoreException e) {
                log.debug("SEA operator state not stored: {}", e.getMessage());
            }
            return;
        }
        SeaOperatorState state;
        try {
            state = json.readValue(text.get(), SeaOperatorState.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn("Stored SEA operator state in {} is unreadable ({}); keeping the configured state, which replaces"
                    + " it at the next change", store.location(), e.getMessage());
            stored = capture();
            loaded = true;
            return;
        }
        List<String> skipped = onRoster(() -> state.applyTo(service, clock.instant(), replace));
        skipped.forEach(s -> log.warn("Stored SEA operator state: skipped {}", s));
        if (!replace) {
            log.info("SEA operator state loaded from {}: {} ban(s), {} blacklist pattern(s)", store.location(),
                    state.bans().size(), state.blacklist().size());
        }
        stored = state;
        loaded = true;
        // with configured entries added at startup, the union differs from what was loaded: store it
        saveIfChanged();
    }

    /** Stores the state when it differs from the stored one and tells the other nodes. Worker thread. */
    private void saveIfChanged() {
        if (!loaded) {
            // never write over a stored state this node has not read yet (Redis was down at startup)
            load(false);
            return;
        }
        SeaOperatorState current = capture();
        if (current.equals(stored)) {
            return;
        }
        try {
            store.put(KEY, json.writeValueAsString(current));
            stored = current;
            announce();
        } catch (DurableStoreException e) {
            log.debug("SEA operator state not stored: {}", e.getMessage());
        }
    }

    private void announce() {
        events.publish(CHANNEL, KEY.getBytes(StandardCharsets.UTF_8)).exceptionally(failure -> {
            log.debug("SEA operator state change not announced: {}", failure.toString());
            return null;
        });
    }

    private SeaOperatorState capture() {
        return SeaOperatorState.capture(service, clock.instant());
    }

    private <T> T onRoster(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        roster.execute(task);
        try {
            return task.get(ROSTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the SEA roster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("applying the stored SEA operator state failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SEA roster did not answer within " + ROSTER_WAIT, e);
        }
    }
}
