package dev.switchboard.rooms.handler;

import java.time.Duration;

/** Heartbeat timing handed to each {@link HeartbeatHandler}; a zero interval disables pings. */
public record RoomsHeartbeatSettings(Duration interval, Duration timeout) {
}
