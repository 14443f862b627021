package dev.switchboard.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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

    private final Counter publishedOk;
    private final Counter publishedFailed;
    private final Counter received;
    private final Map<NodeLeftEvent.Reason, Counter> left = new EnumMap<>(NodeLeftEvent.Reason.class);

    MicrometerClusterMetrics(MeterRegistry registry) {
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
}
