package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The UDP log-rotate listener's rules (spec §8): the secret-code check, then {@code LOG_ROTATE} (or the
 * legacy {@code LOG}) reopens the log files between two marker lines. Nothing here ever replies.
 */
public final class LogRotation {

    private static final Logger log = LoggerFactory.getLogger(LogRotation.class);

    /** What became of one datagram. */
    public enum Outcome {
        /** Log files reopened. */
        ROTATED,
        /** Log files reopened, but a secret was sent while none is configured (§8: accept with a warning). */
        ROTATED_UNCHECKED_SECRET,
        /** A secret is configured and the datagram's was missing or wrong: dropped, logged as an error. */
        WRONG_SECRET,
        /** {@code STOP}/{@code QUITTING}: REF only logs a warning on this port and so do we. */
        NO_OP,
        /** Any other command, a {@code LOG} carrying log-record fields, {@code QUIT} included: logged, ignored. */
        IGNORED
    }

    /** An outcome and the sentence to log with it. */
    public record Result(Outcome outcome, String description) {
    }

    private final byte[] secret;
    private final LogFiles logFiles;

    public LogRotation(String secret, LogFiles logFiles) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.logFiles = logFiles;
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
        // The first marker goes to the old file, the second to the reopened one.
        log.info("{} received: reopening log files", command);
        int reopened = logFiles.reopen();
        log.info("{}: {} log file(s) reopened", command, reopened);
        return new Result(outcome, outcome == Outcome.ROTATED
                ? reopened + " log file(s) reopened"
                : reopened + " log file(s) reopened; a secret_code was sent but no secret is configured");
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
