package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;

/** Channel metrics on Micrometer counters tagged with the listener name. */
public final class MicrometerChannelMetricsRecorder implements ChannelMetricsRecorder {

    private final MeterRegistry registry;
    private final InboundMark mark;

    public MicrometerChannelMetricsRecorder(MeterRegistry registry, InboundMark mark) {
        this.registry = registry;
        this.mark = mark;
    }

    @Override
    public ListenerMeters forListener(String listener) {
        Counter accepted = counter(GatewayMeters.LISTENER_ACCEPTED, listener, null, "Connections accepted");
        Counter closed = counter(GatewayMeters.LISTENER_CLOSED, listener, null, "Connections closed");
        Counter bytesIn = counter(GatewayMeters.LISTENER_BYTES_IN, listener, "bytes", "Bytes read from the network");
        Counter bytesOut = counter(GatewayMeters.LISTENER_BYTES_OUT, listener, "bytes",
                "Bytes handed to the network");
        Counter unwritable = counter(GatewayMeters.LISTENER_UNWRITABLE, listener, null,
                "Connections whose write buffer passed the high water mark");
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

            @Override
            public void readStarted(Channel channel) {
                mark.readStarted(channel, System.nanoTime());
            }

            @Override
            public void readFinished() {
                mark.exit();
            }
        };
    }

    private Counter counter(String name, String listener, String unit, String help) {
        return Counter.builder(name).tag(GatewayMeters.Tags.LISTENER, listener).baseUnit(unit)
                .description(help + " per listener").register(registry);
    }
}
