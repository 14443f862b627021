package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * One counter per constant of an enum, all registered up front under one name and told apart by one tag, so a
 * protocol counts by enum and never builds a tag string on its hot path. Thread-safe: the map is never changed
 * after construction.
 *
 * @param <E> the keys; their {@link MeterTag#tag()} is the tag value
 */
public final class EnumCounter<E extends Enum<E> & MeterTag> {

    private final Map<E, Counter> counters;

    private EnumCounter(Map<E, Counter> counters) {
        this.counters = counters;
    }

    /**
     * Registers {@code name} with one series per constant of {@code keys}, tagged {@code tagKey=constant.tag()}
     * plus {@code common}.
     */
    public static <E extends Enum<E> & MeterTag> EnumCounter<E> register(MeterRegistry registry, String name,
            String description, Tags common, String tagKey, Class<E> keys) {
        return register(registry, name, description, common, tagKey, EnumSet.allOf(keys));
    }

    /**
     * As above, for only the constants in {@code keys}: when one enum names more than this meter counts (the
     * malformed-input kinds among a protocol's close reasons), no series is registered for the others, and
     * counting one of them is a bug that fails loudly.
     */
    public static <E extends Enum<E> & MeterTag> EnumCounter<E> register(MeterRegistry registry, String name,
            String description, Tags common, String tagKey, EnumSet<E> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(name + ": no constant to count");
        }
        Map<E, Counter> counters = new EnumMap<>(keys.iterator().next().getDeclaringClass());
        for (E key : keys) {
            counters.put(key, Counter.builder(name).description(description).tags(common).tag(tagKey, key.tag())
                    .register(registry));
        }
        return new EnumCounter<>(counters);
    }

    /** Counts one event of {@code key}. */
    public void increment(E key) {
        counters.get(key).increment();
    }

    /** Counts {@code amount} of {@code key} (events, bytes, copies). */
    public void increment(E key, double amount) {
        counters.get(key).increment(amount);
    }
}
