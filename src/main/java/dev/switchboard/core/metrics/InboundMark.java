package dev.switchboard.core.metrics;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * When the inbound message now being handled reached the gateway, so a broadcast it causes can report
 * its delivery lag (accepted → last recipient written) without every service passing a timestamp along.
 *
 * <p>The core's first pipeline stage marks each read on its event-loop thread for the duration of the
 * read, and stamps the channel with it. A protocol that hands messages to another thread (SEA's roster)
 * re-marks that thread from the channel's stamp while it handles the message. Work not caused by an
 * inbound message (timers, operator calls) runs unmarked and reports no lag.
 *
 * <p>One instance per application; the per-thread slot belongs to it, not to a static.
 */
public final class InboundMark {

    private static final AttributeKey<long[]> LAST_READ = AttributeKey.valueOf("switchboard.lastReadNanos");

    private final FastThreadLocal<long[]> current = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            return new long[1];
        }
    };

    /** A read on {@code channel} began at {@code nanos} ({@link System#nanoTime()}). */
    public void readStarted(Channel channel, long nanos) {
        long[] stamp = channel.attr(LAST_READ).get();
        if (stamp == null) {
            stamp = new long[1];
            channel.attr(LAST_READ).set(stamp);
        }
        stamp[0] = nanos;
        enter(nanos);
    }

    /** When {@code channel}'s latest read began, or 0 if it has not read yet. */
    public long lastRead(Channel channel) {
        long[] stamp = channel.attr(LAST_READ).get();
        return stamp == null ? 0 : stamp[0];
    }

    /** The current thread is handling a message accepted at {@code acceptedNanos}. */
    public void enter(long acceptedNanos) {
        current.get()[0] = acceptedNanos;
    }

    /** The current thread finished handling that message. */
    public void exit() {
        current.get()[0] = 0;
    }

    /** When the message the current thread is handling was accepted, or 0 outside such handling. */
    public long acceptedNanos() {
        return current.get()[0];
    }
}
