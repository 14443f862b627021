package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Channel metrics on Micrometer counters, cached per listener so the hot path does no lookups. */
public final class MicrometerChannelMetricsRecorder implements ChannelMetricsRecorder {

    private final MeterRegistry registry;
    private final Map<String, ListenerCounters> counters = new ConcurrentHashMap<>();

    public MicrometerChannelMetricsRecorder(MeterRegistry registry) {
        this.registry = registry;
    }

    private ListenerCounters of(String listener) {
        return counters.computeIfAbsent(listener, name -> new ListenerCounters(registry, name));
    }

    @Override
    public void connectionAccepted(String listener) {
        of(listener).accepted.increment();
    }

    @Override
    public void connectionClosed(String listener) {
        of(listener).closed.increment();
    }

    @Override
    public void bytesRead(String listener, long bytes) {
        of(listener).bytesIn.increment(bytes);
    }

    @Override
    public void bytesWritten(String listener, long bytes) {
        of(listener).bytesOut.increment(bytes);
    }

    @Override
    public void becameUnwritable(String listener) {
        of(listener).unwritable.increment();
    }

    private static final class ListenerCounters {
        final Counter accepted;
        final Counter closed;
        final Counter bytesIn;
        final Counter bytesOut;
        final Counter unwritable;

        ListenerCounters(MeterRegistry registry, String listener) {
            accepted = counter(registry, GatewayMeters.LISTENER_ACCEPTED, listener, null);
            closed = counter(registry, GatewayMeters.LISTENER_CLOSED, listener, null);
            bytesIn = counter(registry, GatewayMeters.LISTENER_BYTES_IN, listener, "bytes");
            bytesOut = counter(registry, GatewayMeters.LISTENER_BYTES_OUT, listener, "bytes");
            unwritable = counter(registry, GatewayMeters.LISTENER_UNWRITABLE, listener, null);
        }

        private static Counter counter(MeterRegistry registry, String name, String listener, String unit) {
            return Counter.builder(name).tag(GatewayMeters.Tags.LISTENER, listener).baseUnit(unit)
                    .register(registry);
        }
    }
}
