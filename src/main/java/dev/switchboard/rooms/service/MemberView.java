package dev.switchboard.rooms.service;

/** A room member as operators see it: server-assigned id, nick, and the id of the node its connection is on. */
public record MemberView(int id, String nick, String node) {
}
