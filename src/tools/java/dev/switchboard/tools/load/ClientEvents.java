package dev.switchboard.tools.load;

import io.netty.buffer.ByteBuf;

/**
 * What a protocol client tells the driver about its connection. Every method runs on the connection's
 * event loop.
 */
public interface ClientEvents {

    /** The connection finished logging in (and joining, where the protocol has rooms). */
    void ready();

    /** A broadcast message arrived; {@code text} is only valid during the call (the caller releases it). */
    void delivered(ByteBuf text);

    /** The current batch of reads is done: the driver flushes what it wrote in reply. */
    void readComplete();

    /** The protocol refused or broke the session before or after it was ready. */
    void failed(String reason);
}
