package dev.switchboard.sea.archiver;

import dev.switchboard.sea.archiver.ArchiverMetrics.DropReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rate-limits the "records dropped" warning: drops are summed per reason and reported at most once per
 * interval, so a dead archiver under load yields one log line per interval instead of one per message.
 * Thread-safe.
 */
final class DropReporter {

    private final Clock clock;
    private final Duration interval;
    private final Map<DropReason, Long> pending = new EnumMap<>(DropReason.class);
    private Instant nextReport = Instant.MIN;

    DropReporter(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Adds drops; returns the report text if one is due now, else {@code null}. */
    synchronized String add(DropReason reason, long records) {
        pending.merge(reason, records, Long::sum);
        return reportIfDue();
    }

    /** Returns the report text for drops still pending if the interval has passed, else {@code null}. */
    synchronized String reportIfDue() {
        Instant now = clock.instant();
        if (pending.isEmpty() || now.isBefore(nextReport)) {
            return null;
        }
        StringBuilder report = new StringBuilder();
        pending.forEach((reason, count) -> report.append(report.length() == 0 ? "" : ", ")
                .append(reason.tag()).append('=').append(count));
        pending.clear();
        nextReport = now.plus(interval);
        return report.toString();
    }
}
