package dev.switchboard.rooms.service;

/** A member with a nick, and the room it is in (null before it joined one). */
public record MemberLocation(int id, String nick, String room) {
}
