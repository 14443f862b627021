package dev.switchboard.core.connection;

import io.netty.channel.Channel;

/** The one prefix for connection-scoped log lines: channel id and remote address. */
public final class ChannelLog {

    private ChannelLog() {
    }

    public static String format(Channel channel, String message) {
        Object remote = channel.remoteAddress();
        return "[" + channel.id().asShortText() + (remote != null ? " " + remote : "") + "] " + message;
    }
}
