package dev.switchboard.sea.archiver;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SEA archiver side channel (spec §13), bound from {@code switchboard.sea.archiver}.
 *
 * @param url                      archiver address ({@code tcp://host:port} or {@code unix:/path}); empty means no
 *                                 external archiver: records are appended to {@code file} instead
 * @param reconnectInterval        delay before the next connection attempt after a failure or disconnect
 *                                 (reference: 90 s)
 * @param pingInterval             period of the TIME keep-alive while connected or connecting (reference: 90 s)
 * @param connectTimeout           how long one connection attempt may take before it counts as failed
 * @param queueCapacity            most records held while the archiver is unreachable or slow; beyond it the
 *                                 oldest are dropped and counted
 * @param queueMaxBytes            most bytes held in that queue; beyond it the oldest records are dropped
 * @param file                     file the records are appended to when {@code url} is empty (directories are
 *                                 created)
 * @param writeBufferLowWaterMark  the connection becomes writable again below this many pending bytes
 * @param writeBufferHighWaterMark above this many pending bytes records wait in the queue instead
 * @param dropLogInterval          at most one "records dropped" warning per interval; zero logs every drop
 * @param required                 true makes readiness DOWN while the external archiver is not connected (for
 *                                 sites where an unarchived message must not be accepted); false only reports it
 */
@Validated
@ConfigurationProperties("switchboard.sea.archiver")
public record ArchiverProperties(
        @DefaultValue("") @NotNull String url,
        @DefaultValue("90s") @NotNull @DurationMin(millis = 10) @DurationMax(hours = 24) Duration reconnectInterval,
        @DefaultValue("90s") @NotNull @DurationMin(millis = 10) @DurationMax(hours = 24) Duration pingInterval,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 10) Duration connectTimeout,
        @DefaultValue("10000") @Min(1) @Max(10_000_000) int queueCapacity,
        @DefaultValue("16MB") @NotNull DataSize queueMaxBytes,
        @DefaultValue("./data/archive.log") @NotBlank String file,
        @DefaultValue("32KB") @NotNull DataSize writeBufferLowWaterMark,
        @DefaultValue("64KB") @NotNull DataSize writeBufferHighWaterMark,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration dropLogInterval,
        @DefaultValue("false") boolean required) {

    /** A MSG record carries at most 65 535 text bytes plus a header line; the queue must hold one. */
    static final long MIN_QUEUE_BYTES = 128 * 1024;

    public ArchiverProperties {
        if (url != null && !url.isBlank()) {
            ArchiverAddress.parse(url);
        }
        if (queueMaxBytes != null && queueMaxBytes.toBytes() < MIN_QUEUE_BYTES) {
            throw new IllegalArgumentException("switchboard.sea.archiver.queue-max-bytes must be at least 128KB "
                    + "(one maximal MSG record), was " + queueMaxBytes);
        }
        if (writeBufferLowWaterMark != null && writeBufferHighWaterMark != null
                && (writeBufferLowWaterMark.toBytes() < 1
                        || writeBufferLowWaterMark.toBytes() > writeBufferHighWaterMark.toBytes()
                        || writeBufferHighWaterMark.toBytes() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("switchboard.sea.archiver write buffer water marks need "
                    + "0 < low <= high <= 2GB, were " + writeBufferLowWaterMark + " / " + writeBufferHighWaterMark);
        }
    }

    /** The defaults documented in {@code config/application.yml}, with {@code url} as given. */
    public static ArchiverProperties defaults(String url) {
        return new ArchiverProperties(url, Duration.ofSeconds(90), Duration.ofSeconds(90), Duration.ofSeconds(10),
                10_000, DataSize.ofMegabytes(16), "./data/archive.log", DataSize.ofKilobytes(32),
                DataSize.ofKilobytes(64), Duration.ofSeconds(10), false);
    }
}
