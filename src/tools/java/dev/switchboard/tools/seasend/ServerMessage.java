package dev.switchboard.tools.seasend;

import java.util.List;

/** One decoded server→client message (spec §6), with a one-line readable rendering. */
sealed interface ServerMessage {

    /** A readable one-line (USERLIST: multi-line) description. */
    String describe();

    /** A roster entry. */
    record User(int id, String username, String compname) {
        String describe() {
            return id + " " + username + "[" + compname + "]";
        }
    }

    /** #1 USERLIST (§6.1). */
    record UserList(int selfId, String ip, List<User> users, int bridgeUsers) implements ServerMessage {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("USERLIST self=" + selfId + " ip=" + ip + " users=" + users.size());
            for (User u : users) {
                sb.append(System.lineSeparator()).append("    ").append(u.describe());
            }
            return sb.toString();
        }
    }

    /** #2 ADDUSER (§6.2). */
    record AddUser(User user) implements ServerMessage {
        @Override
        public String describe() {
            return "ADDUSER " + user.describe();
        }
    }

    /** #3 DELETEUSER (§6.3). */
    record DeleteUser(int id) implements ServerMessage {
        @Override
        public String describe() {
            return "DELETEUSER " + id;
        }
    }

    /**
     * #4 MESSAGE (§9.3): {@code flags} is byte 4 for a v102 reader (bit 0 printers), {@code printers} is
     * derived from either layout; {@code text} is the payload up to its first NUL.
     */
    record Message(int senderId, boolean isPrivate, boolean printers, int flags, int length, String text)
            implements ServerMessage {
        @Override
        public String describe() {
            String kind = printers ? "printers" : isPrivate ? "private" : "group";
            return "MESSAGE from " + senderId + " (" + kind + (flags > 1 ? ", flags=0x%02x".formatted(flags) : "")
                    + ", " + length + " bytes): " + text;
        }
    }

    /** #5 PONG (§6.5). */
    record Pong() implements ServerMessage {
        @Override
        public String describe() {
            return "PONG";
        }
    }

    /** #6 USERINFO (§6.6). */
    record UserInfo(int faculty, String room, String info, int version, String ip) implements ServerMessage {
        @Override
        public String describe() {
            return "USERINFO faculty=" + faculty + " room=" + room + " info=" + info + " version=" + version
                    + " ip=" + ip;
        }
    }

    /** #7 CHAT (§6.7), payload read by the client convention {@code str8 text}. */
    record Chat(int senderId, String text) implements ServerMessage {
        @Override
        public String describe() {
            return "CHAT from " + senderId + ": " + text;
        }
    }

    /** #8 CHAT_CANCEL (§6.8), empty payload by client convention. */
    record ChatCancel(int senderId) implements ServerMessage {
        @Override
        public String describe() {
            return "CHAT_CANCEL from " + senderId;
        }
    }

    /** #9 LINK (§6.9). */
    record Link(String url) implements ServerMessage {
        @Override
        public String describe() {
            return "LINK " + url;
        }
    }

    /** #10 MUTE (§6.10). */
    record Mute(int senderId) implements ServerMessage {
        @Override
        public String describe() {
            return "MUTE by " + senderId;
        }
    }

    /** #11 AWAY (§6.11). */
    record Away(int id) implements ServerMessage {
        @Override
        public String describe() {
            return "AWAY " + id;
        }
    }

    /** #12 UNAWAY (§6.12). */
    record Unaway(int id) implements ServerMessage {
        @Override
        public String describe() {
            return "UNAWAY " + id;
        }
    }

    /** #13 ALT_SERVER (§6.13). */
    record AltServer(String ip) implements ServerMessage {
        @Override
        public String describe() {
            return "ALT_SERVER " + ip;
        }
    }

    /** #14 RENAME (§6.14). */
    record Rename(int id, String username) implements ServerMessage {
        @Override
        public String describe() {
            return "RENAME " + id + " " + username;
        }
    }
}
