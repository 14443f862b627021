package dev.switchboard.http.handler;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.Connection;
import io.netty.channel.Channel;

/** Ends an HTTP connection through its core {@link Connection} (one log line, one count, the HTTP goodbye). */
final class HttpConnections {

    private HttpConnections() {
    }

    /** Closes {@code channel} for {@code reason}; a channel with no connection attached is simply closed. */
    static void close(Channel channel, CloseReason reason, String detail) {
        Connection connection = Connection.of(channel);
        if (connection != null) {
            connection.close(reason, detail);
        } else {
            channel.close();
        }
    }
}
