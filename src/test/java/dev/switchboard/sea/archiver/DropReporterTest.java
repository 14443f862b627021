package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sea.archiver.ArchiverMetrics.DropReason;
import dev.switchboard.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropReporterTest {

    private final MutableClock clock = new MutableClock();
    private final DropReporter reporter = new DropReporter(clock, Duration.ofSeconds(10));

    @Test
    void add_whenFirstDrop_thenReportedAtOnce() {
        assertThat(reporter.add(DropReason.QUEUE_FULL, 1)).isEqualTo("queue_full=1");
    }

    @Test
    void add_whenDropsWithinInterval_thenSummedIntoOneLaterReport() {
        reporter.add(DropReason.QUEUE_FULL, 1);

        clock.advance(Duration.ofSeconds(3));
        assertThat(reporter.add(DropReason.QUEUE_FULL, 4)).isNull();
        clock.advance(Duration.ofSeconds(3));
        assertThat(reporter.add(DropReason.WRITE_FAILED, 2)).isNull();
        assertThat(reporter.reportIfDue()).isNull();

        clock.advance(Duration.ofSeconds(4));
        assertThat(reporter.reportIfDue()).isEqualTo("queue_full=4, write_failed=2");
        assertThat(reporter.reportIfDue()).isNull();
    }

    @Test
    void reportIfDue_whenNothingPending_thenNull() {
        clock.advance(Duration.ofHours(1));
        assertThat(reporter.reportIfDue()).isNull();
    }
}
