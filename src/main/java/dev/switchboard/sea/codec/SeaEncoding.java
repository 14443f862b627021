package dev.switchboard.sea.codec;

import io.netty.buffer.ByteBuf;

/**
 * A server message encoded once and shared by its recipients. Each {@link #forRecipient} call returns
 * a new reference the caller must write or release; {@link #close} releases the shared original.
 */
public interface SeaEncoding extends AutoCloseable {

    /**
     * The bytes for a recipient of {@code version}.
     *
     * @throws IllegalArgumentException if that version cannot parse the message (§2.3, §7); sending
     *                                  it anyway would desynchronise the client for good
     */
    ByteBuf forRecipient(byte version);

    /** Releases the shared buffers; buffers already handed out stay valid. */
    @Override
    void close();
}
