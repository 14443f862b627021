package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One protocol's broadcast timers: fan-out (the broadcast handed to its recipients' event loops → the
 * last recipient's write queued for that loop's one flush) and delivery lag (the causing message accepted → the same
 * moment).
 * {@code core.connection.Broadcast} reports to it.
 */
public final class BroadcastMeter {

    /** Records nothing (unit tests, tools). */
    public static final BroadcastMeter NONE = new BroadcastMeter(null, null, null);

    private final Timer fanout;
    private final Timer lag;
    private final InboundMark mark;

    private BroadcastMeter(Timer fanout, Timer lag, InboundMark mark) {
        this.fanout = fanout;
        this.lag = lag;
        this.mark = mark;
    }

    /**
     * Registers {@code switchboard.<protocol>.broadcast.fanout} and {@code switchboard.<protocol>.delivery.lag}.
     */
    public static BroadcastMeter register(MeterRegistry registry, InboundMark mark, String protocol) {
        Tags tags = Tags.of(GatewayMeters.Tags.PROTOCOL, protocol);
        Timer fanout = Latency.INTERNAL.timer(registry, "switchboard." + protocol + ".broadcast.fanout",
                "Time from a broadcast being handed to its recipients' event loops to the last recipient's write"
                        + " being flushed", tags);
        Timer lag = Latency.INTERNAL.timer(registry, "switchboard." + protocol + ".delivery.lag",
                "Time from reading the message that caused a broadcast to the last recipient's write being flushed",
                tags);
        return new BroadcastMeter(fanout, lag, mark);
    }

    /** When the message the calling thread handles was accepted, or 0; read when a broadcast starts. */
    public long acceptedNanos() {
        return mark == null ? 0 : mark.acceptedNanos();
    }

    /** A broadcast started at {@code startedNanos} reached its last recipient at {@code doneNanos}. */
    public void delivered(long acceptedNanos, long startedNanos, long doneNanos) {
        if (fanout == null) {
            return;
        }
        fanout.record(doneNanos - startedNanos, TimeUnit.NANOSECONDS);
        if (acceptedNanos != 0) {
            lag.record(doneNanos - acceptedNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether anything is recorded; when not, the broadcast skips taking timestamps. */
    public boolean enabled() {
        return fanout != null;
    }
}
