package dev.switchboard.example.service;

import dev.switchboard.core.metrics.MeterTag;
import java.util.Locale;
import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The UDP log-rotate listener's rules (spec §8): the secret-code check, then {@code LOG_ROTATE} (or the
 * legacy {@code LOG}) reopens the log files between two marker lines. Nothing here ever replies.
 *
 * <p>Anyone who can reach the port can send the request, so reopens are rate-limited: at most one per
 * {@code minInterval}. A request inside the interval is not lost (logrotate may have moved another file
 * meanwhile): it becomes one deferred reopen at the interval's end, which every further request inside
 * the interval joins. Thread-safe; the caller runs {@link #runDeferred} after {@link Result#deferFor}.
 */
public final class LogRotation {

    private static final Logger log = LoggerFactory.getLogger(LogRotation.class);

    /** What became of one datagram; the metric tag is the name in lower case. */
    public enum Outcome implements MeterTag {
        /** Log files reopened. */
        ROTATED,
        /** Within the minimum interval of the last reopen: one reopen is scheduled for the interval's end. */
        DEFERRED,
        /** Within the minimum interval, and a deferred reopen is already scheduled: this request joins it. */
        MERGED,
        /** Log files reopened, but a secret was sent while none is configured (§8: accept with a warning). */
        ROTATED_UNCHECKED_SECRET,
        /** A secret is configured and the datagram's was missing or wrong: dropped and logged. */
        WRONG_SECRET,
        /** {@code STOP}/{@code QUITTING}: REF only logs a warning on this port and so do we. */
        NO_OP,
        /** Any other command, a {@code LOG} carrying log-record fields, {@code QUIT} included: logged, ignored. */
        IGNORED;

        @Override
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An outcome and the sentence to log with it.
     *
     * @param deferFor for {@link Outcome#DEFERRED}: how long from now to call {@link #runDeferred}; null otherwise
     */
    public record Result(Outcome outcome, String description, Duration deferFor) {

        Result(Outcome outcome, String description) {
            this(outcome, description, null);
        }

        /** Whether the datagram was refused (not a rotation request, or a wrong secret). */
        public boolean refused() {
            return outcome == Outcome.WRONG_SECRET || outcome == Outcome.IGNORED || outcome == Outcome.NO_OP;
        }
    }

    private final byte[] secret;
    private final LogFiles logFiles;
    private final Clock clock;
    private final Duration minInterval;
    private Instant lastReopen;
    private boolean deferred;

    /** No rate limit: every request reopens at once (for tools and tests of the other rules). */
    public LogRotation(String secret, LogFiles logFiles) {
        this(secret, logFiles, Clock.systemUTC(), Duration.ZERO);
    }

    public LogRotation(String secret, LogFiles logFiles, Clock clock, Duration minInterval) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.logFiles = logFiles;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** Handles one parsed datagram. */
    public Result onDatagram(ExampleMessage message) {
        String command = message.command();
        boolean rotate = command.equals(ExampleCommands.LOG_ROTATE) || isLegacyLog(message);
        if (!rotate) {
            if (command.equals(ExampleCommands.STOP) || command.equals(ExampleCommands.QUITTING)) {
                return new Result(Outcome.NO_OP, command + " is not acted upon on the log-rotate listener");
            }
            return new Result(Outcome.IGNORED, "command " + command + " is not handled on the log-rotate listener"
                    + " (only LOG_ROTATE; UDP never replies)");
        }
        // §8: the check runs before dispatch, and secret_code stays in the message.
        String sent = message.parameter(ExampleCommands.PARAM_SECRET_CODE);
        Outcome outcome = Outcome.ROTATED;
        if (secret.length > 0) {
            if (sent == null || !MessageDigest.isEqual(secret, sent.getBytes(StandardCharsets.UTF_8))) {
                return new Result(Outcome.WRONG_SECRET, command + " dropped: secret_code "
                        + (sent == null ? "missing" : "does not match"));
            }
        } else if (sent != null) {
            outcome = Outcome.ROTATED_UNCHECKED_SECRET;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (lastReopen != null && now.isBefore(lastReopen.plus(minInterval))) {
                if (deferred) {
                    return new Result(Outcome.MERGED, command + " joins the reopen already scheduled");
                }
                deferred = true;
                Instant at = lastReopen.plus(minInterval);
                return new Result(Outcome.DEFERRED, command + " within " + minInterval.toSeconds()
                        + " s of the last reopen: log files will be reopened once at " + at, Duration.between(now, at));
            }
            int reopened = reopen(command);
            return new Result(outcome, outcome == Outcome.ROTATED
                    ? reopened + " log file(s) reopened"
                    : reopened + " log file(s) reopened; a secret_code was sent but no secret is configured");
        }
    }

    /** Carries out the reopen a {@link Outcome#DEFERRED} result scheduled; returns the files reopened. */
    public synchronized int runDeferred() {
        if (!deferred) {
            return 0;
        }
        deferred = false;
        return reopen(ExampleCommands.LOG_ROTATE + " (deferred)");
    }

    private int reopen(String command) {
        lastReopen = clock.instant();
        // The first marker goes to the old file, the second to the reopened one.
        log.info("{} received: reopening log files", command);
        int reopened = logFiles.reopen();
        log.info("{}: {} log file(s) reopened", command, reopened);
        return reopened;
    }

    /**
     * The pre-2022 name (§8, D8). It must carry nothing but an optional secret_code, so snaploggerd's
     * unrelated {@code LOG} record (message, timestamp, severity, ...) never rotates our files.
     */
    private static boolean isLegacyLog(ExampleMessage message) {
        return message.command().equals(ExampleCommands.LOG)
                && message.parameters().keySet().stream().allMatch(ExampleCommands.PARAM_SECRET_CODE::equals);
    }
}
