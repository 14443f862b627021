package dev.switchboard.core.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one per-channel object every protocol's connection is: it sends (coalesced), refuses output to a slow
 * consumer, and ends the connection with a typed reason through the {@link Disconnector}. Protocol state lives
 * beside it in the protocol's own object; services reach a connection only through their own port.
 *
 * <p><b>Output.</b> {@link #send} and {@link Broadcast} write without flushing; the first write of an event-loop
 * turn asks the loop to flush this channel once after the turn, so a recipient that gets twenty messages in one
 * turn costs one {@code writev}, not twenty. Byte messages (already in wire form) are copied into the turn's
 * one buffer ({@link TurnOutput}) and reach the outbound buffer as one entry at that flush, so they also cost
 * Netty's per-message bookkeeping once per turn, not per message; other messages go down the pipeline, after
 * the bytes queued before them. Per-channel order is call order. The outbound buffer and the turn's buffer are
 * the only queues, bounded together by {@link #slowConsumerLimit}: past it the connection is closed with
 * {@link CoreCloseReason#SLOW_CONSUMER} rather than buffered without bound. Nothing is written after the
 * protocol's goodbye.
 *
 * <p><b>Close.</b> The first {@link #close} (or the peer's close) claims the connection's one reason: it is logged
 * and counted once, the protocol's {@link Goodbye} runs once on the event loop, and later sends are refused.
 */
public final class Connection {

    private static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "connection");
    /** The reason of a connection another protocol took over; never logged nor counted. */
    private static final CloseReason HANDED_OVER = new CloseReason() {
        @Override
        public String tag() {
            return "handed-over";
        }

        @Override
        public Severity severity() {
            return Severity.ROUTINE;
        }
    };

    private final Channel channel;
    private final String protocol;
    private final long slowConsumerLimit;
    private final Goodbye goodbye;
    private final Disconnector disconnector;
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final Runnable flushTask = this::flushNow;
    /** Touched only on the channel's event loop. */
    private boolean flushScheduled;
    /** The goodbye ran or the protocol sent its last frame: later writes are dropped. Event loop only. */
    private boolean outputEnded;
    /** Created on the first byte message; read by other threads only through {@link #pendingBytes}. */
    private volatile TurnOutput turnOutput;

    private Connection(Channel channel, String protocol, long slowConsumerLimit, Goodbye goodbye,
            Disconnector disconnector) {
        this.channel = channel;
        this.protocol = protocol;
        this.slowConsumerLimit = slowConsumerLimit;
        this.goodbye = goodbye;
        this.disconnector = disconnector;
    }

    /**
     * Makes {@code channel} a connection of {@code protocol}: from now on its close is counted once, with the
     * peer's close counted as {@link CoreCloseReason#PEER_CLOSED} when nobody claimed a reason before. A
     * connection already attached (the protocol the channel was upgraded from) is retired uncounted.
     *
     * @param slowConsumerLimit the most bytes of output that may wait for the peer before it is closed
     */
    public static Connection attach(Channel channel, String protocol, long slowConsumerLimit, Goodbye goodbye,
            Disconnector disconnector) {
        Connection connection = new Connection(channel, protocol, slowConsumerLimit, goodbye, disconnector);
        Connection previous = channel.attr(KEY).getAndSet(connection);
        if (previous != null) {
            // A protocol took the channel over (an HTTP connection upgraded to WebSocket): its end is the new
            // protocol's to count, so the old one is retired without being counted.
            previous.claim(HANDED_OVER);
        }
        channel.closeFuture().addListener(closed -> disconnector.peerClosed(connection));
        return connection;
    }

    /** The connection of {@code channel}, or null when none was attached (refused at accept, or not a stream). */
    public static Connection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public Channel channel() {
        return channel;
    }

    /** The protocol's metric tag ({@code sea}, {@code rooms}, …). */
    public String protocol() {
        return protocol;
    }

    /**
     * Queues {@code message} to be flushed after the current event-loop turn. Any thread; messages from one
     * thread keep their order. Ownership passes to the connection: a refused message (closing, slow consumer)
     * is released here.
     *
     * @return whether the message was queued
     */
    public boolean send(Object message) {
        if (!admit(message)) {
            return false;
        }
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            write(message);
            return true;
        }
        try {
            loop.execute(() -> write(message));
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            ReferenceCountUtil.release(message);
            return false;
        }
    }

    /**
     * As {@link #send}, but never writes inline: the write is always a task on the channel's loop, queued behind
     * what is already there. For callers that hold a lock, which must not call into a pipeline.
     */
    public boolean sendQueued(Object message) {
        if (!admit(message)) {
            return false;
        }
        try {
            channel.eventLoop().execute(() -> write(message));
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            ReferenceCountUtil.release(message);
            return false;
        }
    }

    /** Ends the connection for {@code reason}; only the first call (or the peer's close) counts. Any thread. */
    public boolean close(CloseReason reason, String detail) {
        return disconnector.close(this, reason, detail);
    }

    /**
     * The peer started to end the connection in the protocol (a WebSocket close frame, a QUIT): claims
     * {@link CoreCloseReason#PEER_CLOSED} so no goodbye is said, and counts it once. Any thread.
     *
     * @return false when a reason was claimed before (the gateway's own close is on its way)
     */
    public boolean closedByPeer() {
        return disconnector.peerClosed(this);
    }

    /** Someone has started to end this connection; nothing more is queued to it. */
    public boolean isClosing() {
        return closeReason.get() != null;
    }

    /** Why the connection ended, or null while it is open. */
    public CloseReason closeReason() {
        return closeReason.get();
    }

    /** Bytes of output waiting for the peer (queued in this turn, written or flushed but not yet on the socket). */
    public long pendingBytes() {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        TurnOutput turn = turnOutput;
        return (queue == null ? 0 : queue.totalPendingWriteBytes()) + (turn == null ? 0 : turn.queuedBytes());
    }

    /**
     * Whether {@code message} may be queued: not while closing, and not past the slow-consumer limit (the
     * connection is then closed). A refused message is released here. Any thread.
     */
    boolean admit(Object message) {
        if (!admits()) {
            ReferenceCountUtil.release(message);
            return false;
        }
        return true;
    }

    /**
     * Whether output may be queued: not while closing, and not past the slow-consumer limit (the connection is
     * then closed). Any thread.
     */
    boolean admits() {
        if (isClosing() || !channel.isActive()) {
            return false;
        }
        long pending = pendingBytes();
        if (pending > slowConsumerLimit) {
            close(CoreCloseReason.SLOW_CONSUMER, pending + " bytes queued, limit " + slowConsumerLimit);
            return false;
        }
        return true;
    }

    /** Writes without flushing and schedules this channel's one flush of the turn. On the event loop. */
    void write(Object message) {
        if (outputEnded) {
            // Bytes bypass the protocol's stages, which would otherwise drop what follows a closing frame.
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof ByteBuf bytes) {
            turnOutput().append(bytes);
        } else {
            channel.write(message, channel.voidPromise());
        }
        scheduleFlush();
    }

    /** As {@link #write}, for bytes shared with other recipients: copied, the caller keeps its reference. */
    void writeCopy(ByteBuf shared) {
        if (outputEnded) {
            return;
        }
        turnOutput().copy(shared);
        scheduleFlush();
    }

    private TurnOutput turnOutput() {
        TurnOutput turn = turnOutput;
        if (turn == null) {
            turn = TurnOutput.of(channel);
            turnOutput = turn;
        }
        return turn;
    }

    /** Schedules this channel's one flush of the turn. On the event loop. */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            EventLoop loop = channel.eventLoop();
            // Only an I/O loop runs after-iteration tasks (a DefaultEventLoop never does); elsewhere flush at once.
            if (loop instanceof SingleThreadIoEventLoop threaded) {
                try {
                    threaded.executeAfterEventLoopIteration(flushTask);
                    return;
                } catch (RejectedExecutionException shuttingDown) {
                    // The loop is going away: flush now so nothing written is left behind unflushed.
                }
            }
            flushNow();
        }
    }

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
    }

    /**
     * The protocol wrote its last frame (a closing frame) through its own stages: nothing queued here may follow it,
     * though a batch admitted before the close may still run. On the event loop.
     */
    public void endOutput() {
        outputEnded = true;
    }

    boolean claim(CloseReason reason) {
        return closeReason.compareAndSet(null, reason);
    }

    /** Runs the protocol's goodbye after flushing what was already sent. On the event loop. */
    void sayGoodbye(CloseReason reason) {
        if (flushScheduled) {
            flushNow();
        }
        outputEnded = true;
        goodbye.close(channel, reason);
    }
}
