package dev.switchboard.tools.seasend;

import dev.switchboard.tools.codec.Octets;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import java.nio.charset.Charset;

/**
 * Renders decoded server → client messages (spec §6) as one readable line each (USERLIST: one line per
 * user). Text is decoded with the chosen charset for display only, with control characters shown as
 * {@code \xNN}.
 */
final class ServerMessageText {

    /** At most this many characters of a message's text are rendered. */
    static final int MAX_SHOWN_CHARS = 200;

    private final Charset charset;

    ServerMessageText(Charset charset) {
        this.charset = charset;
    }

    String describe(SeaServerMessage message) {
        if (message instanceof SeaServerMessage.UserList l) {
            StringBuilder sb = new StringBuilder("USERLIST self=" + l.selfId() + " ip=" + quote(l.ip())
                    + " users=" + l.users().size());
            for (SeaServerMessage.User u : l.users()) {
                sb.append(System.lineSeparator()).append("    ").append(user(u));
            }
            return sb.toString();
        } else if (message instanceof SeaServerMessage.AddUser a) {
            return "ADDUSER " + user(a.user());
        } else if (message instanceof SeaServerMessage.DeleteUser d) {
            return "DELETEUSER " + d.id();
        } else if (message instanceof SeaServerMessage.Message m) {
            String kind = m.printers() ? "printers" : m.isPrivate() ? "private" : "group";
            return "MESSAGE from " + m.senderId() + " (" + kind
                    + (m.flags() > 1 ? ", flags=0x%02x".formatted(m.flags()) : "") + ", " + m.payload().length()
                    + " bytes): " + quote(m.text());
        } else if (message instanceof SeaServerMessage.Pong) {
            return "PONG";
        } else if (message instanceof SeaServerMessage.UserInfo i) {
            return "USERINFO faculty=" + i.faculty() + " room=" + quote(i.room().untilNul()) + " info="
                    + quote(i.info()) + " version=" + i.version() + " ip=" + quote(i.ip());
        } else if (message instanceof SeaServerMessage.Chat c) {
            return "CHAT from " + c.senderId() + ": " + quote(c.text());
        } else if (message instanceof SeaServerMessage.ChatCancel c) {
            return "CHAT_CANCEL from " + c.senderId();
        } else if (message instanceof SeaServerMessage.Link l) {
            return "LINK " + quote(l.url());
        } else if (message instanceof SeaServerMessage.Mute m) {
            return "MUTE by " + m.senderId();
        } else if (message instanceof SeaServerMessage.Away a) {
            return "AWAY " + a.id();
        } else if (message instanceof SeaServerMessage.Unaway u) {
            return "UNAWAY " + u.id();
        } else if (message instanceof SeaServerMessage.AltServer a) {
            return "ALT_SERVER " + a.dotted();
        } else if (message instanceof SeaServerMessage.Rename r) {
            return "RENAME " + r.id() + " " + quote(r.username());
        }
        throw new IllegalArgumentException("no rendering for " + message);
    }

    private String user(SeaServerMessage.User u) {
        return u.id() + " " + quote(u.username()) + "[" + quote(u.compname()) + "]";
    }

    private String quote(Octets bytes) {
        String text = bytes.decode(charset);
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN_CHARS) + 8);
        for (int i = 0; i < text.length() && i < MAX_SHOWN_CHARS; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append("\\x%02x".formatted((int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_SHOWN_CHARS) {
            sb.append("…");
        }
        return sb.toString();
    }
}
