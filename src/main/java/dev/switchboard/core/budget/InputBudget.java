package dev.switchboard.core.budget;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory that large inbound frames still being received can hold, in total and per remote
 * address. A protocol calls {@link #reserve} with a frame's declared size as soon as it knows it, before
 * buffering the body, and releases the reservation when the frame is complete or the connection closes.
 * A refusal is the sender's problem (the protocol's defined outcome, typically closing that connection);
 * everybody else keeps the memory they need.
 *
 * <p>Thread-safe: connections of every protocol reserve from their own threads. Only frames at or
 * above {@link #largeInputThreshold()} take the lock, so ordinary traffic never touches it.
 */
public final class InputBudget implements MeterBinder {

    /** Why a reservation was refused; also the {@code reason} tag of the refusal counter. */
    public enum Refusal {
        /** The sender's address already holds its share. */
        PER_ADDRESS("per_address"),
        /** All senders together hold the whole budget. */
        TOTAL("total"),
        /** A new connection from an address whose frame was refused moments ago (counts connections). */
        COOLDOWN("cooldown");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final long total;
    private final long perAddress;
    private final long largeInputThreshold;
    private final Map<InetAddress, Long> reservedByAddress = new HashMap<>();
    private long reserved;
    private final Map<Refusal, AtomicLong> refusals = new EnumMap<>(Refusal.class);
    private final Map<Refusal, Counter> refusalCounters = new EnumMap<>(Refusal.class);
    private final Duration refusalLogInterval;
    private final Duration refusalCooldown;
    /** Addresses whose frame was refused, until when their new connections are closed on arrival. */
    private final Map<InetAddress, Instant> cooldownUntil = new HashMap<>();
    private Instant lastRefusalReport;
    private long unreportedRefusals;

    /** A budget that lets every refusal be reported, without a cooldown. */
    public InputBudget(long total, long perAddress, long largeInputThreshold) {
        this(total, perAddress, largeInputThreshold, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param refusalLogInterval at most one refusal report per interval (see {@link #refusalToReport})
     * @param refusalCooldown    how long an address is {@linkplain #coolingDown cooling down} after a refusal
     */
    public InputBudget(long total, long perAddress, long largeInputThreshold, Duration refusalLogInterval,
                       Duration refusalCooldown) {
        if (largeInputThreshold < 1 || largeInputThreshold > perAddress || perAddress > total) {
            throw new IllegalArgumentException("need 1 <= threshold <= per-address <= total");
        }
        this.total = total;
        this.perAddress = perAddress;
        this.largeInputThreshold = largeInputThreshold;
        this.refusalLogInterval = refusalLogInterval;
        this.refusalCooldown = refusalCooldown;
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new AtomicLong());
        }
    }

    public InputBudget(InputBudgetProperties properties) {
        this(properties.total().toBytes(), properties.perAddress().toBytes(),
                properties.largeInputThreshold().toBytes(), properties.refusalLogInterval(),
                properties.refusalCooldown());
    }

    /**
     * Reserves {@code bytes} for one frame from {@code address}. Below the threshold nothing is reserved
     * and the answer is {@link Reservation#UNTRACKED}.
     *
     * @return a reservation to release exactly once (releasing again is harmless); or a refused one
     */
    public Reservation reserve(InetAddress address, long bytes) {
        if (bytes < largeInputThreshold) {
            return Reservation.UNTRACKED;
        }
        Refusal refusal;
        synchronized (this) {
            long fromAddress = reservedByAddress.getOrDefault(address, 0L);
            if (fromAddress + bytes > perAddress) {
                refusal = Refusal.PER_ADDRESS;
            } else if (reserved + bytes > total) {
                refusal = Refusal.TOTAL;
            } else {
                reservedByAddress.put(address, fromAddress + bytes);
                reserved += bytes;
                return new Reservation(this, address, bytes, null);
            }
        }
        count(refusal);
        return new Reservation(this, address, 0, refusal);
    }

    private void count(Refusal refusal) {
        refusals.get(refusal).incrementAndGet();
        Counter counter = refusalCounters.get(refusal);
        if (counter != null) {
            counter.increment();
        }
    }

    /**
     * Called by a protocol when it closes a sender over a refused frame: new connections from {@code address}
     * are then refused for the cooldown. Expired entries are dropped here, so the map holds only the
     * addresses refused within one cooldown.
     */
    public synchronized void startCooldown(InetAddress address, Instant now) {
        if (refusalCooldown.isZero()) {
            return;
        }
        cooldownUntil.values().removeIf(until -> !now.isBefore(until));
        cooldownUntil.put(address, now.plus(refusalCooldown));
    }

    /**
     * Whether a new connection from {@code address} must be closed on arrival because a frame of that address
     * was refused within the cooldown; each such connection is counted as a {@link Refusal#COOLDOWN} refusal.
     */
    public boolean coolingDown(InetAddress address, Instant now) {
        synchronized (this) {
            Instant until = cooldownUntil.get(address);
            if (until == null) {
                return false;
            }
            if (!now.isBefore(until)) {
                cooldownUntil.remove(address);
                return false;
            }
        }
        count(Refusal.COOLDOWN);
        return true;
    }

    /**
     * Called by a protocol once per refused frame: the number of refusals to report in one log line (this one
     * and those not reported since the last line) when the log interval has passed, else empty. A refused
     * sender may reconnect and be refused again many times a second; one line per interval keeps it from
     * writing the log at that rate.
     */
    public synchronized OptionalLong refusalToReport(Instant now) {
        unreportedRefusals++;
        if (lastRefusalReport != null && now.isBefore(lastRefusalReport.plus(refusalLogInterval))) {
            return OptionalLong.empty();
        }
        long count = unreportedRefusals;
        unreportedRefusals = 0;
        lastRefusalReport = now;
        return OptionalLong.of(count);
    }

    synchronized void release(InetAddress address, long bytes) {
        reserved -= bytes;
        long left = reservedByAddress.getOrDefault(address, 0L) - bytes;
        if (left <= 0) {
            reservedByAddress.remove(address);
        } else {
            reservedByAddress.put(address, left);
        }
    }

    /** Bytes reserved right now over all senders. */
    public synchronized long reserved() {
        return reserved;
    }

    /** Bytes reserved right now by {@code address}. */
    public synchronized long reserved(InetAddress address) {
        return reservedByAddress.getOrDefault(address, 0L);
    }

    public long total() {
        return total;
    }

    public long perAddress() {
        return perAddress;
    }

    public long largeInputThreshold() {
        return largeInputThreshold;
    }

    /** Whether a frame of {@code bytes} from an address holding nothing would be refused right now. */
    public synchronized boolean cannotTake(long bytes) {
        return reserved + bytes > total;
    }

    /** Refusals since startup, for health details and tests. */
    public long refusals(Refusal refusal) {
        return refusals.get(refusal).get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(GatewayMeters.INPUT_BUDGET_RESERVED, this, InputBudget::reserved).baseUnit("bytes")
                .description("Bytes of large, still-arriving frames reserved from the input budget")
                .register(registry);
        Gauge.builder(GatewayMeters.INPUT_BUDGET_LIMIT, this, InputBudget::total).baseUnit("bytes")
                .description("The input budget: most bytes of large frames buffered at once")
                .register(registry);
        for (Refusal refusal : Refusal.values()) {
            refusalCounters.put(refusal, Counter.builder(GatewayMeters.INPUT_BUDGET_REFUSED)
                    .description("Large frames refused by the input budget (their senders were closed), by limit;"
                            + " cooldown counts connections closed on arrival after such a refusal")
                    .tag(GatewayMeters.Tags.REASON, refusal.tag()).register(registry));
        }
    }
}
