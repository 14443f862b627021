package dev.switchboard.sea.message;

import java.util.List;
import java.util.Objects;

/**
 * A server→client message of the SEA protocol (§6). Server messages carry no length, so each one
 * is only sent to clients whose version understands it (§2.3, §7, see {@link SeaVersions}).
 */
public sealed interface SeaServerMessage {

    /** The command byte that starts the message. */
    int code();

    /** One entry of a USERLIST (§6.1). */
    record UserEntry(int id, SeaBytes username, SeaBytes compname) {
        public UserEntry {
            SeaIds.requireSessionId(id);
            username = Str8.require(username, "username");
            compname = Str8.require(compname, "compname");
        }
    }

    /** #1 USERLIST (§6.1); {@code users} starts with the new session itself. */
    record UserList(int selfId, SeaBytes ipText, List<UserEntry> users) implements SeaServerMessage {
        public UserList {
            SeaIds.requireSessionId(selfId);
            ipText = Str8.require(ipText, "ipText");
            users = List.copyOf(users);
            if (users.size() > 0xFFFF) {
                throw new IllegalArgumentException("count is 16 bits: " + users.size());
            }
        }

        @Override
        public int code() {
            return SeaCodes.S_USERLIST;
        }
    }

    /** #2 ADDUSER (§6.2). */
    record AddUser(int id, SeaBytes username, SeaBytes compname) implements SeaServerMessage {
        public AddUser {
            SeaIds.requireSessionId(id);
            username = Str8.require(username, "username");
            compname = Str8.require(compname, "compname");
        }

        @Override
        public int code() {
            return SeaCodes.S_ADDUSER;
        }
    }

    /** #3 DELETEUSER (§6.3). */
    record DeleteUser(int id) implements SeaServerMessage {
        public DeleteUser {
            SeaIds.requireSessionId(id);
        }

        @Override
        public int code() {
            return SeaCodes.S_DELETEUSER;
        }
    }

    /**
     * #4 MESSAGE (§9.3, §9.4). {@code privateMessage} is byte 3 (set for every destination but 0),
     * {@code printers} the printers marker, {@code flags} the sender's flag byte (bit 0 is ignored and
     * replaced, §5.3). {@code extension} is the big-message payload beyond {@code msglen}.
     */
    record Message(int senderId, boolean privateMessage, boolean printers, int flags, SeaBytes text,
                   SeaBytes extension) implements SeaServerMessage {
        public Message {
            SeaIds.requireSessionId(senderId);
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("flags must be one byte: " + flags);
            }
            if (text.length() > 0xFFFF) {
                throw new IllegalArgumentException("msglen is 16 bits: " + text.length());
            }
            if ((long) text.length() + extension.length() > SeaCodes.MAX_FRAME_LENGTH) {
                throw new IllegalArgumentException("total is 24 bits");
            }
            if (printers && !privateMessage) {
                throw new IllegalArgumentException("printers messages are always private (§9.2)");
            }
        }

        /** Text and extension length: the v102 BE24 length (§9.4). */
        public int total() {
            return text.length() + extension.length();
        }

        @Override
        public int code() {
            return SeaCodes.S_MESSAGE;
        }
    }

    /** #5 PONG (§6.5). */
    record Pong() implements SeaServerMessage {
        @Override
        public int code() {
            return SeaCodes.S_PONG;
        }
    }

    /** #6 USERINFO (§6.6); {@code version} is the raw byte. */
    record UserInfo(int faculty, SeaBytes room, SeaBytes info, byte version, SeaBytes ipText)
            implements SeaServerMessage {
        public UserInfo {
            if (faculty < 0 || faculty > 0xFF) {
                throw new IllegalArgumentException("faculty must be one byte: " + faculty);
            }
            if (room.length() != 5) {
                throw new IllegalArgumentException("room is 5 bytes");
            }
            info = Str8.requireMaybeEmpty(info, "info");
            ipText = Str8.require(ipText, "ipText");
        }

        @Override
        public int code() {
            return SeaCodes.S_USERINFO;
        }
    }

    /** #7 CHAT (§6.7): the target ID is replaced by the sender's, the payload is verbatim. */
    record Chat(int senderId, SeaBytes payload) implements SeaServerMessage {
        public Chat {
            SeaIds.requireSessionId(senderId);
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public int code() {
            return SeaCodes.S_CHAT;
        }
    }

    /** #8 CHAT_CANCEL (§6.8). */
    record ChatCancel(int senderId, SeaBytes payload) implements SeaServerMessage {
        public ChatCancel {
            SeaIds.requireSessionId(senderId);
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public int code() {
            return SeaCodes.S_CHAT_CANCEL;
        }
    }

    /** #9 LINK (§6.9); an empty URL is allowed and gives {@code 09 00}. */
    record Link(SeaBytes url) implements SeaServerMessage {
        public Link {
            url = Str8.requireMaybeEmpty(url, "url");
        }

        @Override
        public int code() {
            return SeaCodes.S_LINK;
        }
    }

    /** #10 MUTE (§6.10), carrying the ID of the session that issued it. */
    record Mute(int senderId) implements SeaServerMessage {
        public Mute {
            SeaIds.requireSessionId(senderId);
        }

        @Override
        public int code() {
            return SeaCodes.S_MUTE;
        }
    }

    /** #11 AWAY (§6.11). */
    record Away(int id) implements SeaServerMessage {
        public Away {
            SeaIds.requireSessionId(id);
        }

        @Override
        public int code() {
            return SeaCodes.S_AWAY;
        }
    }

    /** #12 UNAWAY (§6.12). */
    record Unaway(int id) implements SeaServerMessage {
        public Unaway {
            SeaIds.requireSessionId(id);
        }

        @Override
        public int code() {
            return SeaCodes.S_UNAWAY;
        }
    }

    /** #13 ALT_SERVER (§6.13): four raw bytes of an IPv4 address in network order. */
    record AltServer(SeaBytes address) implements SeaServerMessage {
        public AltServer {
            if (address.length() != 4) {
                throw new IllegalArgumentException("ip4 is 4 bytes");
            }
        }

        @Override
        public int code() {
            return SeaCodes.S_ALT_SERVER;
        }
    }

    /** #14 RENAME (§6.14). */
    record Rename(int id, SeaBytes username) implements SeaServerMessage {
        public Rename {
            SeaIds.requireSessionId(id);
            username = Str8.require(username, "username");
        }

        @Override
        public int code() {
            return SeaCodes.S_RENAME;
        }
    }
}
