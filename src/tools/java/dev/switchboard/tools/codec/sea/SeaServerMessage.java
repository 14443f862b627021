package dev.switchboard.tools.codec.sea;

import dev.switchboard.tools.codec.Octets;
import java.util.List;

/** One server → client SEA message (sea-protocol.md §6), as a client decodes it. */
public sealed interface SeaServerMessage {

    int USERLIST = 1;
    int ADDUSER = 2;
    int DELETEUSER = 3;
    int MESSAGE = 4;
    int PONG = 5;
    int USERINFO = 6;
    int CHAT = 7;
    int CHAT_CANCEL = 8;
    int LINK = 9;
    int MUTE = 10;
    int AWAY = 11;
    int UNAWAY = 12;
    int ALT_SERVER = 13;
    int RENAME = 14;

    /** A roster entry (§6.1, §6.2). */
    record User(int id, Octets username, Octets compname) {
    }

    /** #1 USERLIST (§6.1); {@code bridgeUsers} is the trailing count the server always sends as zero. */
    record UserList(int selfId, Octets ip, List<User> users, int bridgeUsers) implements SeaServerMessage {
        public UserList {
            users = List.copyOf(users);
        }
    }

    /** #2 ADDUSER (§6.2). */
    record AddUser(User user) implements SeaServerMessage {
    }

    /** #3 DELETEUSER (§6.3). */
    record DeleteUser(int id) implements SeaServerMessage {
    }

    /**
     * #4 MESSAGE (§9.3, §9.4) in the layout of the reading client's version: {@code flags} is byte 4 for a
     * v102 reader (bit 0 printers) and 0 otherwise; {@code printers} is derived from either layout;
     * {@code payload} is all {@code length} bytes (text plus any extension).
     */
    record Message(int senderId, boolean isPrivate, boolean printers, int flags, Octets payload)
            implements SeaServerMessage {
        /** The payload up to its first NUL: what legacy clients display. */
        public Octets text() {
            return payload.untilNul();
        }
    }

    /** #5 PONG (§6.5). */
    record Pong() implements SeaServerMessage {
    }

    /** #6 USERINFO (§6.6): {@code room} is the five raw room bytes. */
    record UserInfo(int faculty, Octets room, Octets info, int version, Octets ip) implements SeaServerMessage {
    }

    /** #7 CHAT (§6.7), its payload read by the client convention {@code str8 text}. */
    record Chat(int senderId, Octets text) implements SeaServerMessage {
    }

    /** #8 CHAT_CANCEL (§6.8), empty payload by client convention. */
    record ChatCancel(int senderId) implements SeaServerMessage {
    }

    /** #9 LINK (§6.9). */
    record Link(Octets url) implements SeaServerMessage {
    }

    /** #10 MUTE (§6.10). */
    record Mute(int senderId) implements SeaServerMessage {
    }

    /** #11 AWAY (§6.11). */
    record Away(int id) implements SeaServerMessage {
    }

    /** #12 UNAWAY (§6.12). */
    record Unaway(int id) implements SeaServerMessage {
    }

    /** #13 ALT_SERVER (§6.13): the four address bytes in network order. */
    record AltServer(Octets address) implements SeaServerMessage {
        /** Dotted-quad form. */
        public String dotted() {
            return (address.byteAt(0) & 0xFF) + "." + (address.byteAt(1) & 0xFF) + "." + (address.byteAt(2) & 0xFF)
                    + "." + (address.byteAt(3) & 0xFF);
        }
    }

    /** #14 RENAME (§6.14). */
    record Rename(int id, Octets username) implements SeaServerMessage {
    }
}
