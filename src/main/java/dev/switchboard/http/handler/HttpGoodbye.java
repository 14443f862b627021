package dev.switchboard.http.handler;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.Goodbye;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * HTTP has no goodbye message: the connection closes once everything already written (the last response, an
 * error page) has reached the socket — at once when nothing is left to write, otherwise after an empty write from
 * the first stage (past every HTTP encoder), which completes only after what was queued before it.
 */
final class HttpGoodbye implements Goodbye {

    static final HttpGoodbye INSTANCE = new HttpGoodbye();

    private HttpGoodbye() {
    }

    @Override
    public void close(Channel channel, CloseReason reason) {
        var first = channel.pipeline().firstContext();
        var queue = channel.unsafe().outboundBuffer();
        if (first == null || !channel.isActive() || queue == null || queue.totalPendingWriteBytes() == 0) {
            channel.close();
            return;
        }
        first.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
