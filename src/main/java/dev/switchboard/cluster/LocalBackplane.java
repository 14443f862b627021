package dev.switchboard.cluster;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code local} engine: a cluster of one. It is always available, its only node is itself (its
 * heartbeat is "now"), channels are delivered in publish order on one thread of this process, and the
 * durable store is a directory ({@link LocalFileStore}). Nothing is started that the gateway did not
 * run before except that one idle delivery thread, created on the first publish.
 */
final class LocalBackplane implements Backplane {

    private final String nodeId;
    private final Clock clock;
    private final LocalFileStore store;
    private final ClusterMetrics metrics;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Object publishLock = new Object();
    private volatile ExecutorService delivery;
    private volatile boolean closed;

    LocalBackplane(String nodeId, Clock clock, LocalFileStore store, ClusterMetrics metrics) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        store.checkWritable();
    }

    @Override
    public String engine() {
        return ClusterProperties.Engine.LOCAL.id();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return "";
    }

    @Override
    public List<ClusterNode> nodes() {
        return List.of(new ClusterNode(nodeId, clock.instant(), true));
    }

    @Override
    public CompletableFuture<String> publish(String channel, byte[] payload) {
        Channels.check(channel);
        byte[] copy = payload.clone();
        // one lock around numbering and queueing: the single delivery thread then sees ids in order
        synchronized (publishLock) {
            if (closed) {
                metrics.published(false);
                return CompletableFuture.failedFuture(new IllegalStateException("cluster backplane is stopped"));
            }
            String id = "0-" + sequence.incrementAndGet();
            ClusterEvent event = new ClusterEvent(channel, id, nodeId, copy);
            try {
                delivery().execute(() -> deliver(event));
            } catch (RejectedExecutionException e) {
                metrics.published(false);
                return CompletableFuture.failedFuture(e);
            }
            metrics.published(true);
            return CompletableFuture.completedFuture(id);
        }
    }

    @Override
    public AutoCloseable subscribe(String channel, Start start, Consumer<ClusterEvent> listener) {
        Channels.check(channel);
        Subscriber subscriber = new Subscriber(listener);
        // EARLIEST equals LATEST here: a process-local channel keeps no events from before this process
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> subscribers.getOrDefault(channel, List.of()).remove(subscriber);
    }

    @Override
    public ReplicatedLog replicate(String channel, Executor owner, ReplicatedState state) {
        Channels.check(channel);
        return new LocalReplicatedLog(this, channel, owner, state);
    }

    @Override
    public DurableStore store() {
        return store;
    }

    @Override
    public void close() {
        ExecutorService executor;
        synchronized (publishLock) {
            closed = true;
            executor = delivery;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ExecutorService delivery() {
        if (delivery == null) {
            delivery = Executors.newSingleThreadExecutor(Channels.daemonThreads("cluster-local-events"));
        }
        return delivery;
    }

    private void deliver(ClusterEvent event) {
        List<Subscriber> list = subscribers.getOrDefault(event.channel(), List.of());
        for (Subscriber subscriber : list) {
            subscriber.accept(event);
        }
        metrics.received(1);
    }

    /** A listener whose failures are logged, never allowed to stop delivery to the others. */
    private record Subscriber(Consumer<ClusterEvent> listener) {
        void accept(ClusterEvent event) {
            try {
                listener.accept(new ClusterEvent(event.channel(), event.id(), event.origin(), event.payload().clone()));
            } catch (RuntimeException e) {
                Channels.log.error("cluster event listener failed on {} {}", event.channel(), event.id(), e);
            }
        }
    }
}
