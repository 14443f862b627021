package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Channel metrics on Micrometer counters tagged with the listener name. */
public final class MicrometerChannelMetricsRecorder implements ChannelMetricsRecorder {

    private final MeterRegistry registry;

    public MicrometerChannelMetricsRecorder(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ListenerMeters forListener(String listener) {
        Counter accepted = counter(GatewayMeters.LISTENER_ACCEPTED, listener, null);
        Counter closed = counter(GatewayMeters.LISTENER_CLOSED, listener, null);
        Counter bytesIn = counter(GatewayMeters.LISTENER_BYTES_IN, listener, "bytes");
        Counter bytesOut = counter(GatewayMeters.LISTENER_BYTES_OUT, listener, "bytes");
        Counter unwritable = counter(GatewayMeters.LISTENER_UNWRITABLE, listener, null);
        return new ListenerMeters() {
            @Override
            public void connectionAccepted() {
                accepted.increment();
            }

            @Override
            public void connectionClosed() {
                closed.increment();
            }

            @Override
            public void bytesRead(long bytes) {
                bytesIn.increment(bytes);
            }

            @Override
            public void bytesWritten(long bytes) {
                bytesOut.increment(bytes);
            }

            @Override
            public void becameUnwritable() {
                unwritable.increment();
            }
        };
    }

    private Counter counter(String name, String listener, String unit) {
        return Counter.builder(name).tag(GatewayMeters.Tags.LISTENER, listener).baseUnit(unit).register(registry);
    }
}
