package dev.switchboard.tools.load;

import io.netty.buffer.ByteBuf;

/**
 * What a protocol client tells the driver about its connection. Every method runs on the connection's
 * event loop.
 */
public interface ClientEvents {

    /** The connection finished logging in (and joining, where the protocol has rooms). */
    void ready();

    /**
     * A broadcast message arrived: its text is the {@code length} bytes at {@code index} of {@code buf},
     * valid only during the call (the caller owns and releases the buffer).
     */
    void delivered(ByteBuf buf, int index, int length);

    /** The current batch of reads is done: the driver flushes what it wrote in reply. */
    void readComplete();

    /** The protocol refused or broke the session before or after it was ready. */
    void failed(String reason);
}
