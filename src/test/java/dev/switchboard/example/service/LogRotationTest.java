package dev.switchboard.example.service;

import dev.switchboard.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.example.service.ExampleServerConversationTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §8: which datagrams rotate the logs, and the secret-code rules. */
class LogRotationTest {

    private final AtomicInteger reopens = new AtomicInteger();
    private final LogFiles files = () -> {
        reopens.incrementAndGet();
        return 1;
    };

    @Test
    void onDatagram_whenLogRotateAndNoSecret_thenRotated() {
        LogRotation rotation = new LogRotation("", files);

        assertThat(rotation.onDatagram(parse("LOG_ROTATE")).outcome()).isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(rotation.onDatagram(parse("<host:ed_signal LOG_ROTATE")).outcome())
                .isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(reopens).hasValue(2);
    }

    @Test
    void onDatagram_whenWithinMinInterval_thenDeferredOnceMergedAfterAndRunAtTheEnd() {
        MutableClock clock = new MutableClock();
        LogRotation rotation = new LogRotation("", files, clock, Duration.ofSeconds(10));

        assertThat(rotation.onDatagram(parse("LOG_ROTATE")).outcome()).isEqualTo(LogRotation.Outcome.ROTATED);
        clock.advance(Duration.ofSeconds(4));
        LogRotation.Result deferred = rotation.onDatagram(parse("LOG_ROTATE"));
        assertThat(deferred.outcome()).isEqualTo(LogRotation.Outcome.DEFERRED);
        assertThat(deferred.deferFor()).isEqualTo(Duration.ofSeconds(6));
        assertThat(rotation.onDatagram(parse("LOG")).outcome()).isEqualTo(LogRotation.Outcome.MERGED);
        assertThat(reopens).hasValue(1);

        clock.advance(Duration.ofSeconds(6));
        assertThat(rotation.runDeferred()).isEqualTo(1);
        assertThat(rotation.runDeferred()).isZero();   // runs once however many requests joined it
        assertThat(reopens).hasValue(2);
        assertThat(rotation.onDatagram(parse("LOG_ROTATE")).outcome()).isEqualTo(LogRotation.Outcome.DEFERRED);
        clock.advance(Duration.ofSeconds(10));
        rotation.runDeferred();
        clock.advance(Duration.ofSeconds(10));
        assertThat(rotation.onDatagram(parse("LOG_ROTATE")).outcome()).isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(reopens).hasValue(4);
    }

    @Test
    void refusalLogWindow_whenBurst_thenFirstLoggedRestCountedOnceAndNextWindowLoggedAgain() {
        MutableClock clock = new MutableClock();
        RefusalLogWindow window = new RefusalLogWindow(clock, Duration.ofSeconds(10));

        assertThat(window.offer()).isEqualTo(RefusalLogWindow.Decision.LOG);
        assertThat(window.offer()).isEqualTo(RefusalLogWindow.Decision.SUPPRESS_FIRST);
        assertThat(window.offer()).isEqualTo(RefusalLogWindow.Decision.SUPPRESS);
        assertThat(window.drainSuppressed()).isEqualTo(2);
        assertThat(window.drainSuppressed()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(window.offer()).isEqualTo(RefusalLogWindow.Decision.LOG);
    }

    @Test
    void onDatagram_whenLegacyBareLog_thenRotated() {
        LogRotation rotation = new LogRotation("", files);

        assertThat(rotation.onDatagram(parse("LOG")).outcome()).isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(reopens).hasValue(1);
    }

    @Test
    void onDatagram_whenLogCarriesLogRecordFields_thenIgnored() {
        LogRotation rotation = new LogRotation("", files);

        // snaploggerd's LOG message is unrelated (§8) and must not rotate anything.
        assertThat(rotation.onDatagram(parse("LOG message=hello;severity=info")).outcome())
                .isEqualTo(LogRotation.Outcome.IGNORED);
        assertThat(reopens).hasValue(0);
    }

    @Test
    void onDatagram_whenSecretConfiguredAndMatches_thenRotated() {
        LogRotation rotation = new LogRotation("s3cr3t", files);

        assertThat(rotation.onDatagram(parse("LOG_ROTATE secret_code=s3cr3t")).outcome())
                .isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(rotation.onDatagram(parse("LOG secret_code=s3cr3t")).outcome())
                .isEqualTo(LogRotation.Outcome.ROTATED);
        assertThat(reopens).hasValue(2);
    }

    @Test
    void onDatagram_whenSecretConfiguredAndMissingOrWrong_thenDropped() {
        LogRotation rotation = new LogRotation("s3cr3t", files);

        assertThat(rotation.onDatagram(parse("LOG_ROTATE")).outcome()).isEqualTo(LogRotation.Outcome.WRONG_SECRET);
        assertThat(rotation.onDatagram(parse("LOG_ROTATE secret_code=nope")).outcome())
                .isEqualTo(LogRotation.Outcome.WRONG_SECRET);
        assertThat(rotation.onDatagram(parse("LOG_ROTATE secret_code=")).outcome())
                .isEqualTo(LogRotation.Outcome.WRONG_SECRET);
        assertThat(reopens).hasValue(0);
    }

    @Test
    void onDatagram_whenNoSecretConfiguredButOneSent_thenRotatedWithWarningOutcome() {
        LogRotation rotation = new LogRotation("", files);

        assertThat(rotation.onDatagram(parse("LOG_ROTATE secret_code=abc")).outcome())
                .isEqualTo(LogRotation.Outcome.ROTATED_UNCHECKED_SECRET);
        assertThat(reopens).hasValue(1);
    }

    @Test
    void onDatagram_whenOtherCommand_thenIgnoredOrNoOp() {
        LogRotation rotation = new LogRotation("", files);

        assertThat(rotation.onDatagram(parse("QUIT")).outcome()).isEqualTo(LogRotation.Outcome.IGNORED);
        assertThat(rotation.onDatagram(parse("HELP")).outcome()).isEqualTo(LogRotation.Outcome.IGNORED);
        assertThat(rotation.onDatagram(parse("log_rotate")).outcome()).isEqualTo(LogRotation.Outcome.IGNORED);
        assertThat(rotation.onDatagram(parse("STOP")).outcome()).isEqualTo(LogRotation.Outcome.NO_OP);
        assertThat(rotation.onDatagram(parse("QUITTING")).outcome()).isEqualTo(LogRotation.Outcome.NO_OP);
        assertThat(reopens).hasValue(0);
    }
}
