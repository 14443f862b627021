package dev.switchboard.tools.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counters and the latency histogram of one run, written from any event loop. */
final class LoadStats {

    final LongAdder sent = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder foreign = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final AtomicInteger ready = new AtomicInteger();
    final LongAccumulator lastDelivery = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final Recorder latency = new Recorder(3);
    private volatile String firstFailure;

    /** Records one delivery {@code nanos} after its stamp. */
    void delivered(long sentNanos, long now) {
        delivered.increment();
        latency.recordValue(Math.max(0, now - sentNanos));
        lastDelivery.accumulate(now);
    }

    void failure(String reason) {
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    String firstFailure() {
        return firstFailure;
    }

    /** Everything recorded so far (call once, after the run). */
    Histogram latencyNanos() {
        return latency.getIntervalHistogram();
    }
}
