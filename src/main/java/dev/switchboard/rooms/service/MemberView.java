package dev.switchboard.rooms.service;

/** A room member as operators see it: server-assigned id and nick. */
public record MemberView(int id, String nick) {
}
