package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.rooms.message.RoomsCloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket closing handshake (RFC 6455 §5.5.1, §7.1), in place of Netty's echo. Exactly one close frame
 * leaves per connection. When the peer closes first its status is checked and echoed without its reason (an
 * invalid status gets 1002, a reason that is not UTF-8 gets 1007), then TCP closes. When the server closes first,
 * a later {@code close()} of the channel waits until the peer's close arrives, as §7.1.1 has the server close TCP
 * only once the handshake completed, but at most the closing timeout. Frames after a close are discarded, those
 * read and those written.
 * Stateful, so one instance per connection; runs on the channel's event loop.
 */
final class ClosingHandshakeHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(ClosingHandshakeHandler.class);

    private final long timeoutMillis;
    private final Connection connection;
    private boolean closeSent;
    private boolean closeReceived;
    private final List<ChannelPromise> deferredCloses = new ArrayList<>(1);
    private ScheduledFuture<?> timer;

    ClosingHandshakeHandler(long timeoutMillis, Connection connection) {
        this.timeoutMillis = timeoutMillis;
        this.connection = connection;
    }

    /**
     * Whether a close frame went either way, or the gateway decided to close (its close frame is queued behind
     * the current read): from then on nothing more is sent or acted on.
     */
    boolean closing() {
        return closeSent || closeReceived || connection.isClosing();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            try {
                peerClosed(ctx, close);
            } finally {
                close.release();
            }
            return;
        }
        if (closing() && msg instanceof WebSocketFrame) {
            // §5.5.1: after a close frame nothing more is acted on, nor after the close was decided: a message
            // or fragment read behind the input that ended the connection is dropped, not aggregated.
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void peerClosed(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (closeReceived) {
            return;
        }
        closeReceived = true;
        if (closeSent) {
            if (log.isDebugEnabled()) {
                log.debug(ChannelLog.format(ctx.channel(), "peer answered our close; closing TCP"));
            }
            closeNow(ctx);
            return;
        }
        ByteBuf body = close.content();
        int status = body.readableBytes() >= 2 ? body.getUnsignedShort(body.readerIndex()) : -1;
        if (status >= 0 && !isValidStatus(status)) {
            connection.close(RoomsCloseReason.BAD_CLOSE_STATUS, "close frame with status " + status);
            return;
        }
        if (body.readableBytes() > 2 && !isUtf8(body, body.readerIndex() + 2, body.readableBytes() - 2)) {
            connection.close(RoomsCloseReason.BAD_CLOSE_REASON, "close reason is not UTF-8");
            return;
        }
        if (!connection.closedByPeer()) {
            return; // our own close is already on its way; the peer's close completes the handshake
        }
        if (log.isDebugEnabled()) {
            log.debug(ChannelLog.format(ctx.channel(), "peer closed with status " + status));
        }
        // The echo repeats the status (none when the peer sent none) and never the peer's reason text.
        CloseWebSocketFrame echo = status < 0 ? new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER)
                : new CloseWebSocketFrame(status, "");
        ctx.channel().writeAndFlush(echo).addListener(written -> closeNow(ctx));
    }

    /**
     * Status codes a peer may send (RFC 6455 §7.4): the defined 1000–1003 and 1007–1011, the registered
     * 1012–1014, and 3000–4999 for libraries and applications. 1004–1006 and 1015 must never be on the wire,
     * and the rest of 0–2999 as well as 5000 and above are not in use.
     */
    static boolean isValidStatus(int status) {
        return (status >= 1000 && status <= 1003) || (status >= 1007 && status <= 1014)
                || (status >= 3000 && status <= 4999);
    }

    private static boolean isUtf8(ByteBuf buf, int index, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ByteBufUtil.getBytes(buf, index, length)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            if (closeSent) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new ClosedChannelException());
                return;
            }
            closeSent = true;
            // Frames queued as bytes skip this stage: the connection drops them from now on.
            connection.endOutput();
            if (!closeReceived) {
                armTimer(ctx);
            }
        } else if (closeSent && msg instanceof WebSocketFrame) {
            // §5.5.1: nothing follows our close frame, neither a late broadcast nor the answer to a late ping.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent && !closeReceived && ctx.channel().isActive()) {
            deferredCloses.add(promise);
            armTimer(ctx);
            return;
        }
        ctx.close(promise);
    }

    private void armTimer(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (ctx.channel().isActive()) {
                    if (log.isDebugEnabled()) {
                        log.debug(ChannelLog.format(ctx.channel(), "no close from the peer within " + timeoutMillis
                                + " ms; closing TCP"));
                    }
                    closeNow(ctx);
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes TCP from this stage toward the socket, completing every close that was held back. */
    private void closeNow(ChannelHandlerContext ctx) {
        cancelTimer();
        List<ChannelPromise> held = List.copyOf(deferredCloses);
        deferredCloses.clear();
        ChannelFuture closed = ctx.close();
        for (ChannelPromise promise : held) {
            closed.addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!deferredCloses.isEmpty()) {
            closeNow(ctx);
        }
        cancelTimer();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
