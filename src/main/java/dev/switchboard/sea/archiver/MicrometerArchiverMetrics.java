package dev.switchboard.sea.archiver;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.metrics.GatewayMeters.Tags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ArchiverMetrics} backed by Micrometer: two gauges and a counter tagged by drop reason. */
public final class MicrometerArchiverMetrics implements ArchiverMetrics {

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

    public MicrometerArchiverMetrics(MeterRegistry registry) {
        Gauge.builder(GatewayMeters.SEA_ARCHIVER_CONNECTED, connected, AtomicInteger::get)
                .tag(Tags.PROTOCOL, "sea")
                .description("1 while SEA archive records are being delivered")
                .register(registry);
        Gauge.builder(GatewayMeters.SEA_ARCHIVER_QUEUED, queued, AtomicInteger::get)
                .tag(Tags.PROTOCOL, "sea")
                .description("SEA archive records waiting for the archiver")
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder(GatewayMeters.SEA_ARCHIVER_DROPPED)
                    .tag(Tags.PROTOCOL, "sea")
                    .tag(Tags.REASON, reason.tag())
                    .description("SEA archive records that were not delivered")
                    .register(registry));
        }
    }

    @Override
    public void connected(boolean isConnected) {
        connected.set(isConnected ? 1 : 0);
    }

    @Override
    public void queued(int records) {
        queued.set(records);
    }

    @Override
    public void dropped(DropReason reason, long records) {
        dropped.get(reason).increment(records);
    }
}
