package dev.switchboard.console.web;

import dev.switchboard.console.ConsoleProperties;
import dev.switchboard.console.service.ConsoleSnapshot;
import dev.switchboard.console.service.ConsoleSnapshots;
import dev.switchboard.console.service.SessionQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open console sockets and their feed: one sample of the gateway per tick (only while a console is
 * open), each console's own snapshot sent through a bounded buffer. A console whose buffer or send time
 * passes its limit is dropped and counted; it never holds up the others, because each send runs on
 * its own thread and a blocked send makes later ones queue in that console's buffer.
 */
public final class ConsoleSockets implements SmartLifecycle {

    /** Consoles dropped for not reading their snapshots (counter). */
    public static final String DROPPED_METER = "switchboard.console.dropped";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSockets.class);
    /** Close code for "try again later": the console cap is reached. */
    static final CloseStatus TOO_MANY = new CloseStatus(1013, "too many consoles");
    /** A round that took t waits at least this many t before the next: sampling gets at most ~1/5 of the time. */
    private static final long SLOW_ROUND_FACTOR = 4;

    private final ConsoleProperties properties;
    private final LongSupplier nanoTime;
    private final ConsoleSnapshots snapshots;
    private final JsonMapper json;
    private final Counter droppedMeter;
    private final Map<String, Console> consoles = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService senders;

    public ConsoleSockets(ConsoleProperties properties, ConsoleSnapshots snapshots, JsonMapper json,
            MeterRegistry meters) {
        this(properties, snapshots, json, meters, System::nanoTime);
    }

    /** With the time source that measures how long a snapshot round took. */
    ConsoleSockets(ConsoleProperties properties, ConsoleSnapshots snapshots, JsonMapper json, MeterRegistry meters,
            LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.properties = properties;
        this.snapshots = snapshots;
        this.json = json;
        this.droppedMeter = Counter.builder(DROPPED_METER)
                .description("Operator consoles closed because they did not read their snapshots")
                .register(meters);
    }

    /** One open console: its socket behind a bounded send buffer, and what its sessions table shows. */
    private static final class Console {
        final WebSocketSession out;
        volatile SessionQuery query = SessionQuery.ALL;

        Console(WebSocketSession out) {
            this.out = out;
        }
    }

    /** Whether one more console may connect (checked again once it has). */
    boolean hasRoom() {
        return consoles.size() < properties.maxConsoles();
    }

    /** Registers a console that just connected and sends it a snapshot; false if the cap is reached. */
    synchronized boolean open(WebSocketSession session) {
        if (!hasRoom() || senders == null) {
            return false;
        }
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(session,
                (int) properties.sendTimeLimit().toMillis(), (int) properties.sendBufferLimit().toBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Console console = new Console(bounded);
        consoles.put(session.getId(), console);
        refresh(List.of(console));
        return true;
    }

    void closed(WebSocketSession session) {
        consoles.remove(session.getId());
    }

    /** Changes what one console's sessions table shows and sends it a fresh snapshot. */
    void query(WebSocketSession session, SessionQuery query) {
        Console console = consoles.get(session.getId());
        if (console != null) {
            console.query = query;
            refresh(List.of(console));
        }
    }

    /** Sends one message (a command's result) to one console through its bounded buffer. */
    void reply(WebSocketSession session, Object message) {
        Console console = consoles.get(session.getId());
        if (console != null) {
            send(console, json.writeValueAsString(message));
        }
    }

    /** A fresh snapshot for every console now, e.g. after a command changed something. */
    void refreshAll() {
        refresh(null);
    }

    int openCount() {
        return consoles.size();
    }

    long dropped() {
        return dropped.get();
    }

    private void refresh(List<Console> targets) {
        ScheduledExecutorService current = ticker;
        if (current == null) {
            return;
        }
        try {
            current.execute(() -> publishSafely(targets == null ? List.copyOf(consoles.values()) : targets));
        } catch (RejectedExecutionException stopping) {
            log.debug("console refresh skipped: stopping");
        }
    }

    /** Runs on the ticker thread only, so samples (and their rates) never interleave. */
    private void publish(List<Console> targets) {
        if (targets.isEmpty()) {
            return;
        }
        ConsoleSnapshots.Sample sample = snapshots.sample();
        ConsoleSnapshot.Consoles status = new ConsoleSnapshot.Consoles(consoles.size(), dropped.get());
        for (Console console : targets) {
            if (consoles.containsValue(console)) {
                String snapshot = json.writeValueAsString(snapshots.view(sample, console.query, status));
                ExecutorService pool = senders;
                if (pool == null) {
                    return;
                }
                try {
                    pool.execute(() -> send(console, snapshot));
                } catch (RejectedExecutionException e) {
                    drop(console, "no sender thread free");
                }
            }
        }
    }

    private void send(Console console, String text) {
        try {
            console.out.sendMessage(new TextMessage(text));
        } catch (SessionLimitExceededException e) {
            drop(console, e.getMessage());
        } catch (IOException | IllegalStateException e) {
            log.debug("console {} send failed: {}", console.out.getId(), e.toString());
            forget(console, CloseStatus.SERVER_ERROR);
        }
    }

    private void drop(Console console, String why) {
        if (consoles.remove(console.out.getId(), console)) {
            dropped.incrementAndGet();
            droppedMeter.increment();
            log.warn("console {} of {} dropped: it does not read its snapshots ({})", console.out.getId(),
                    console.out.getPrincipal() != null ? console.out.getPrincipal().getName() : "?", why);
            closeQuietly(console, CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    private void forget(Console console, CloseStatus status) {
        if (consoles.remove(console.out.getId(), console)) {
            closeQuietly(console, status);
        }
    }

    private static void closeQuietly(Console console, CloseStatus status) {
        try {
            console.out.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("console {} close failed: {}", console.out.getId(), e.toString());
        }
    }

    /**
     * One snapshot round, then the next one after the interval, or later when the round itself was slow:
     * reading the sessions costs one SEA roster round trip per SEA connection, so with many users the
     * console stretches its interval to keep its share of that work to about a fifth.
     */
    private void tick() {
        long started = nanoTime.getAsLong();
        publishSafely(List.copyOf(consoles.values()));
        long took = nanoTime.getAsLong() - started;
        ScheduledExecutorService current = ticker;
        if (current != null) {
            try {
                current.schedule(this::tick, Math.max(properties.snapshotInterval().toNanos(), took * SLOW_ROUND_FACTOR),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                log.debug("console ticker stopped");
            }
        }
    }

    private void publishSafely(List<Console> targets) {
        try {
            publish(targets);
        } catch (RuntimeException e) {
            // The next tick tries again; a failing tick must not cancel the schedule.
            log.warn("console snapshot failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("console-snapshots"));
        // At most one blocked send per console, plus one to spare for replies and the refresh of a new console.
        senders = new ThreadPoolExecutor(0, properties.maxConsoles() * 2 + 1, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("console-send"));
        ticker.schedule(this::tick, properties.snapshotInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        senders.shutdownNow();
        ticker = null;
        senders = null;
        for (Console console : List.copyOf(consoles.values())) {
            forget(console, CloseStatus.GOING_AWAY);
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
