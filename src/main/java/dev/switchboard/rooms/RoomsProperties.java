package dev.switchboard.rooms;

import dev.switchboard.rooms.service.RoomsLimits;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the WebSocket rooms protocol ({@code switchboard.rooms}); defaults follow rooms-protocol.md.
 *
 * @param paths               request paths on the HTTP listeners that upgrade to rooms; the reference client uses
 *                            {@code /} (spec §1), the bundled page {@code /ws}
 * @param maxFrameSize        largest single WebSocket frame payload; a larger one is closed with 1009
 * @param maxMessageSize      largest reassembled WebSocket message (one tPacket); larger is closed with 1009
 * @param maxTextLength       longest chat text in bytes (spec §8); longer gets {@code _RESP_ERROR}
 * @param nickMaxLength       longest nick in bytes (spec §8); the reference client shows at most 48
 * @param roomNameMaxLength   longest room name in bytes (spec §8)
 * @param historySize         history lines kept per room; 0 keeps none
 * @param historyMaxBytes     history bytes kept per room (spec §7.5)
 * @param heartbeatInterval   time between server pings; zero turns the heartbeat off
 * @param heartbeatTimeout    how long a ping may go unanswered before the connection is closed with 1001
 * @param handshakeTimeout    upper bound for completing the WebSocket opening handshake
 * @param loginTimeout        time from the upgrade to an accepted nick before the connection is closed with
 *                            1008; zero waits forever
 * @param magicString         the level-1 blob (spec §4)
 * @param maxRooms            rooms that may exist at once; a join that would create one more gets an error
 * @param maxMembersPerRoom   members one room may hold; a join beyond gets an error
 * @param maxConnections      upgraded connections at once; beyond this the upgrade is refused with HTTP 503;
 *                            0 means as many as the HTTP listeners admit together (the sum of their
 *                            {@code max-connections}), and more than that is refused at startup
 * @param maxNickAttempts     refused nick requests tolerated per connection; the next closes it with 1008
 * @param slowConsumerLimit   bytes queued to a client that is not reading before it is closed with 1008
 * @param closingTimeout      after the server sent its close frame, how long it waits for the peer's close before
 *                            closing TCP anyway (RFC 6455 §7.1.1 has the peer answer first); never zero
 * @param dormantRoomRetention on a cluster ({@code switchboard.cluster.engine=redis}): how long a room whose last
 *                            members left because their node went away (crashed, shut down, restarted) keeps its
 *                            history for members who reconnect; 0 ends it at once like any room emptied. Must be
 *                            the same on every node
 */
@ConfigurationProperties("switchboard.rooms")
@Validated
public record RoomsProperties(
        @DefaultValue({"/", "/ws"}) @NotEmpty List<@NotNull @Pattern(regexp = "/[^?#\\s]*") String> paths,
        @DefaultValue("64KB") @NotNull DataSize maxFrameSize,
        @DefaultValue("64KB") @NotNull DataSize maxMessageSize,
        @DefaultValue("200") @Min(1) @Max(65_000) int maxTextLength,
        @DefaultValue("32") @Min(1) @Max(255) int nickMaxLength,
        @DefaultValue("64") @Min(1) @Max(1024) int roomNameMaxLength,
        @DefaultValue("50") @Min(0) @Max(100_000) int historySize,
        @DefaultValue("8KB") @NotNull DataSize historyMaxBytes,
        @DefaultValue("30s") @NotNull Duration heartbeatInterval,
        @DefaultValue("20s") @NotNull Duration heartbeatTimeout,
        @DefaultValue("10s") @NotNull Duration handshakeTimeout,
        @DefaultValue("30s") @NotNull Duration loginTimeout,
        @DefaultValue("magic string :)") @NotEmpty String magicString,
        @DefaultValue("1000") @Min(1) int maxRooms,
        @DefaultValue("1000") @Min(1) int maxMembersPerRoom,
        @DefaultValue("0") @Min(0) int maxConnections,
        @DefaultValue("5") @Min(1) @Max(1000) int maxNickAttempts,
        @DefaultValue("1MB") @NotNull DataSize slowConsumerLimit,
        @DefaultValue("5s") @NotNull Duration closingTimeout,
        @DefaultValue("10m") @NotNull Duration dormantRoomRetention) {

    /** The reference client's request target (spec §1). */
    public static final String ROOT_PATH = "/";

    @AssertTrue(message = "max-frame-size and max-message-size must be between 24 bytes and 16MB")
    public boolean isSizesValid() {
        return within(maxFrameSize, 24, 16 << 20) && within(maxMessageSize, 24, 16 << 20);
    }

    @AssertTrue(message = "history-max-bytes must be between 0 and 16MB")
    public boolean isHistoryBytesValid() {
        return within(historyMaxBytes, 0, 16 << 20);
    }

    @AssertTrue(message = "slow-consumer-limit must be between 1KB and 1GB")
    public boolean isSlowConsumerLimitValid() {
        return within(slowConsumerLimit, 1024, 1L << 30);
    }

    @AssertTrue(message = "heartbeat-interval and heartbeat-timeout must not be negative; the timeout not zero")
    public boolean isHeartbeatValid() {
        return heartbeatInterval != null && heartbeatTimeout != null && !heartbeatInterval.isNegative()
                && heartbeatTimeout.compareTo(Duration.ZERO) > 0;
    }

    @AssertTrue(message = "login-timeout must not be negative")
    public boolean isLoginTimeoutValid() {
        return loginTimeout != null && !loginTimeout.isNegative();
    }

    @AssertTrue(message = "closing-timeout must be between 1ms and 1m")
    public boolean isClosingTimeoutValid() {
        return closingTimeout != null && closingTimeout.compareTo(Duration.ZERO) > 0
                && closingTimeout.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "dormant-room-retention must be between 0 and 7d")
    public boolean isDormantRoomRetentionValid() {
        return dormantRoomRetention != null && !dormantRoomRetention.isNegative()
                && dormantRoomRetention.compareTo(Duration.ofDays(7)) <= 0;
    }

    @AssertTrue(message = "handshake-timeout must be positive")
    public boolean isHandshakeTimeoutValid() {
        return handshakeTimeout != null && handshakeTimeout.compareTo(Duration.ZERO) > 0;
    }

    /** The service's share of these settings. */
    public RoomsLimits limits() {
        return new RoomsLimits(nickMaxLength, roomNameMaxLength, maxTextLength, historySize,
                (int) historyMaxBytes.toBytes(), maxRooms, maxMembersPerRoom);
    }

    private static boolean within(DataSize size, long min, long max) {
        return size != null && size.toBytes() >= min && size.toBytes() <= max;
    }
}
