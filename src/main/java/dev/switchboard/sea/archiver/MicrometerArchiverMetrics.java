package dev.switchboard.sea.archiver;

import dev.switchboard.core.metrics.GatewayMeters.Tags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ArchiverMetrics} backed by Micrometer: two gauges and a counter tagged by drop reason. */
public final class MicrometerArchiverMetrics implements ArchiverMetrics {

    /** 1 while SEA archive records are being delivered (archiver connection or fallback file), else 0 (gauge). */
    public static final String CONNECTED = "switchboard.sea.archiver.connected";
    /** SEA archive records waiting in the archiver client's bounded queue (gauge). */
    public static final String QUEUED = "switchboard.sea.archiver.queued";
    /** SEA archive records that were not and will not be delivered, tagged by reason (counter). */
    public static final String DROPPED = "switchboard.sea.archiver.dropped";

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

    public MicrometerArchiverMetrics(MeterRegistry registry) {
        Gauge.builder(CONNECTED, connected, AtomicInteger::get)
                .tag(Tags.PROTOCOL, "sea")
                .description("1 while SEA archive records are being delivered")
                .register(registry);
        Gauge.builder(QUEUED, queued, AtomicInteger::get)
                .tag(Tags.PROTOCOL, "sea")
                .description("SEA archive records waiting for the archiver")
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder(DROPPED)
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
