package dev.switchboard.core.pipeline;

import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every pipeline: sorts whatever failure reached the tail by how alarming it is and
 * closes the connection, so no exception is ever left unhandled or a channel left half-alive.
 *
 * <p>A {@link VirtualMachineError} (running out of heap or direct memory, for instance) is not one
 * connection's problem: the process can no longer be trusted to serve anyone. It is reported once to
 * the fatal-error callback (which marks the process broken so the orchestrator restarts it) instead of
 * being logged as one more failed read.
 */
@Sharable
public final class TailExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TailExceptionHandler.class);

    private final Consumer<VirtualMachineError> onFatalError;
    private final AtomicBoolean fatalReported = new AtomicBoolean();

    /** A handler whose fatal errors are only logged (tests and tools). */
    public TailExceptionHandler() {
        this(error -> { });
    }

    /** @param onFatalError told once about the first {@link VirtualMachineError} that reaches a pipeline */
    public TailExceptionHandler(Consumer<VirtualMachineError> onFatalError) {
        this.onFatalError = onFatalError;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof VirtualMachineError fatal) {
            closeAsInternalError(ctx, fatal.toString());
            if (fatalReported.compareAndSet(false, true)) {
                log.error(ChannelLog.format(ctx.channel(), "the process is out of resources; marking it broken"),
                        fatal);
                onFatalError.accept(fatal);
            }
            return;
        }
        if (root instanceof IOException || root instanceof ClosedChannelException) {
            // The peer reset or the socket failed: counted as the peer's close.
            log.debug(ChannelLog.format(ctx.channel(), "I/O error, closing: " + root));
            ctx.close();
            return;
        }
        log.error(ChannelLog.format(ctx.channel(), "unexpected failure, closing"), root);
        closeAsInternalError(ctx, root.toString());
    }

    /** Ends the connection with {@code internal-error}, through its protocol's close path when it has one. */
    private static void closeAsInternalError(ChannelHandlerContext ctx, String detail) {
        Connection connection = Connection.of(ctx.channel());
        if (connection != null) {
            connection.close(CoreCloseReason.INTERNAL_ERROR, detail);
        } else {
            ctx.close();
        }
    }
}
