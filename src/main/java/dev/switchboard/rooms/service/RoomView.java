package dev.switchboard.rooms.service;

/** A room as operators see it: name, member count and retained history size. */
public record RoomView(String name, int members, int historyLines, int historyBytes) {
}
