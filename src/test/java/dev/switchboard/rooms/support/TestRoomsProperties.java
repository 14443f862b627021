package dev.switchboard.rooms.support;

import dev.switchboard.rooms.RoomsProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** {@link RoomsProperties} with the documented defaults, and the few overrides unit tests need. */
public final class TestRoomsProperties {

    public DataSize maxFrameSize = DataSize.ofKilobytes(64);
    public DataSize maxMessageSize = DataSize.ofKilobytes(64);
    public Duration heartbeatInterval = Duration.ofSeconds(30);
    public Duration heartbeatTimeout = Duration.ofSeconds(20);
    public int maxConnections = 10_000;
    public int maxNickAttempts = 5;
    public int historySize = 50;
    public Duration loginTimeout = Duration.ofSeconds(30);
    public Duration closingTimeout = Duration.ofSeconds(5);
    public int maxRooms = 1000;

    public RoomsProperties build() {
        return new RoomsProperties(List.of("/", "/ws"), maxFrameSize, maxMessageSize, 200, 32, 64, historySize,
                DataSize.ofKilobytes(8), heartbeatInterval, heartbeatTimeout, Duration.ofSeconds(10), loginTimeout,
                "magic string :)", maxRooms, 1000, maxConnections, maxNickAttempts, DataSize.ofMegabytes(1), closingTimeout,
                Duration.ofMinutes(10));
    }
}
