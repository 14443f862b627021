package dev.switchboard.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@link ClusterMetrics} on Micrometer; every series is registered at start so a scrape shows zeros. */
final class MicrometerClusterMetrics implements ClusterMetrics {

    /** Live nodes this node sees, itself included (gauge). */
    static final String NODES = "switchboard.cluster.nodes";
    /** 1 while the backplane is available (gauge). */
    static final String BACKPLANE_UP = "switchboard.cluster.backplane.up";
    /** Events published (counter, tag outcome = ok | failed). */
    static final String EVENTS_PUBLISHED = "switchboard.cluster.events.published";
    /** Events received and delivered to this node's listeners (counter). */
    static final String EVENTS_RECEIVED = "switchboard.cluster.events.received";
    /** Other nodes declared gone (counter, tag reason = goodbye | timeout). */
    static final String NODES_LEFT = "switchboard.cluster.nodes.left";

    /** From an event's append to Redis to its application on this node (timer, tag protocol = the channel). */
    static final String EVENT_LAG = "switchboard.cluster.event.lag";
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Counter publishedOk;
    private final Counter publishedFailed;
    private final Counter received;
    private final Map<NodeLeftEvent.Reason, Counter> left = new EnumMap<>(NodeLeftEvent.Reason.class);

    MicrometerClusterMetrics(MeterRegistry registry) {
        this.registry = registry;
        publishedOk = published(registry, "ok");
        publishedFailed = published(registry, "failed");
        received = Counter.builder(EVENTS_RECEIVED).description("Cluster events delivered to this node's listeners")
                .register(registry);
        for (NodeLeftEvent.Reason reason : NodeLeftEvent.Reason.values()) {
            left.put(reason, Counter.builder(NODES_LEFT).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Other nodes declared gone, by how they left").register(registry));
        }
    }

    /** Registers the gauges that read the backplane itself. */
    static void bindGauges(MeterRegistry registry, Backplane backplane) {
        Gauge.builder(NODES, backplane, b -> b.nodes().size()).description("Live cluster nodes this node sees")
                .register(registry);
        Gauge.builder(BACKPLANE_UP, backplane, b -> b.available() ? 1 : 0)
                .description("1 while the cluster backplane is available").register(registry);
    }

    private static Counter published(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS_PUBLISHED).tag("outcome", outcome)
                .description("Cluster events published, by outcome").register(registry);
    }

    @Override
    public void published(boolean ok) {
        (ok ? publishedOk : publishedFailed).increment();
    }

    @Override
    public void received(int events) {
        received.increment(events);
    }

    @Override
    public void nodeLeft(NodeLeftEvent.Reason reason) {
        left.get(reason).increment();
    }

    @Override
    public void applied(String channel, long lagMillis) {
        lag.computeIfAbsent(channel, c -> Timer.builder(EVENT_LAG).tag("protocol", c)
                .description("Cross-node delivery lag: from an event's append to Redis to its application on this node")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry))
                .record(lagMillis, TimeUnit.MILLISECONDS);
    }
}
