package dev.switchboard.rooms.service;

import java.nio.charset.StandardCharsets;

/** A session that has a nick; {@code room} is written only under that room's lock. */
final class Member {

    final RoomSession session;
    /** The session's member id when it got its nick: fixed from then on, so reading it costs nothing. */
    private final int id;
    final String nick;
    final byte[] nickBytes;
    volatile Room room;
    /** Set on the first successful join and never cleared: a connection joins once (spec §7.2). */
    volatile boolean joinedOnce;

    Member(RoomSession session, String nick) {
        this.session = session;
        this.id = session.memberId();
        this.nick = nick;
        this.nickBytes = nick.getBytes(StandardCharsets.UTF_8);
    }

    int id() {
        return id;
    }
}
