package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times how long a protocol takes to handle each inbound message, per message kind: one histogram,
 * {@code kind} tagged with the snake_case name of each permitted subtype of a sealed message type, so
 * the series count is fixed by the protocol's own type hierarchy. While the handling runs, the
 * thread is marked with the moment the sender's bytes were read, so broadcasts it causes report
 * their delivery lag.
 */
public final class HandlingTimer {

    /** Times nothing and marks nothing (unit tests). */
    public static final HandlingTimer NONE = new HandlingTimer(Map.of(), null);

    private final Map<Class<?>, Timer> byKind;
    private final InboundMark mark;

    private HandlingTimer(Map<Class<?>, Timer> byKind, InboundMark mark) {
        this.byKind = byKind;
        this.mark = mark;
    }

    /**
     * Registers {@code name} for every permitted subtype of {@code sealedType}.
     *
     * @throws IllegalArgumentException if {@code sealedType} is not sealed
     */
    public static HandlingTimer register(MeterRegistry registry, InboundMark mark, String name, String help,
            String protocol, Class<?> sealedType) {
        Class<?>[] kinds = sealedType.getPermittedSubclasses();
        if (kinds == null) {
            throw new IllegalArgumentException(sealedType + " is not sealed");
        }
        Map<Class<?>, Timer> byKind = new HashMap<>();
        for (Class<?> kind : kinds) {
            byKind.put(kind, Latency.INTERNAL.timer(registry, name, help, Tags.of(GatewayMeters.Tags.PROTOCOL, protocol,
                    GatewayMeters.Tags.KIND, kindTag(kind))));
        }
        return new HandlingTimer(Map.copyOf(byKind), mark);
    }

    /** {@code SetUserInfo} → {@code set_user_info}. */
    static String kindTag(Class<?> kind) {
        return kind.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Runs {@code handling} of {@code message}, read from {@code from}, and records how long it took. */
    public void handle(Channel from, Object message, Runnable handling) {
        handle(readNanos(from), message, handling);
    }

    /**
     * When {@code channel}'s latest read began, or 0; read it on the channel's event loop, for a protocol that
     * hands the message to another thread and calls {@link #handle(long, Object, Runnable)} there.
     */
    public long readNanos(Channel channel) {
        return mark == null ? 0 : mark.lastRead(channel);
    }

    /** Runs {@code handling} of {@code message}, read at {@code readNanos} (0: unknown), and records its time. */
    public void handle(long readNanos, Object message, Runnable handling) {
        Timer timer = byKind.get(message.getClass());
        if (mark == null) {
            handling.run();
            return;
        }
        long started = System.nanoTime();
        long accepted = readNanos;
        mark.enter(accepted != 0 ? accepted : started);
        try {
            handling.run();
        } finally {
            mark.exit();
            if (timer != null) {
                timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }
}
