package dev.switchboard.tools.load.sea;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.DefaultByteBufHolder;

/** The server → client SEA messages a version-0 client can receive, as the driver needs them (§6). */
public sealed interface SeaServerMessage {

    /** #1 USERLIST: only the recipient's own ID and the roster size matter to the driver (§6.1). */
    record UserList(int selfId, int count) implements SeaServerMessage {
    }

    /** #2 ADDUSER (§6.2). */
    record AddUser(int id) implements SeaServerMessage {
    }

    /** #3 DELETEUSER (§6.3). */
    record DeleteUser(int id) implements SeaServerMessage {
    }

    /** #5 PONG, #9 LINK or #13 ALT_SERVER: parsed past and otherwise ignored. */
    record Other(int code) implements SeaServerMessage {
    }

    /** #4 MESSAGE in the classic form (§9.3); the holder owns a retained slice of the text. */
    final class Message extends DefaultByteBufHolder implements SeaServerMessage {
        private final int senderId;
        private final boolean privateMessage;

        public Message(int senderId, boolean privateMessage, ByteBuf text) {
            super(text);
            this.senderId = senderId;
            this.privateMessage = privateMessage;
        }

        public int senderId() {
            return senderId;
        }

        public boolean privateMessage() {
            return privateMessage;
        }

        @Override
        public ByteBufHolder replace(ByteBuf content) {
            return new Message(senderId, privateMessage, content);
        }
    }

    /** A stream the client cannot parse on; the connection has to be dropped (no resync is possible). */
    record Malformed(String reason) implements SeaServerMessage {
    }
}
