package dev.switchboard.tools.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * One broadcast protocol's client side as the driver needs it: a pipeline that logs in and reports
 * deliveries, and the outbound frame for one stamped message to everybody.
 */
public interface ClientProtocol {

    /** Adds the client pipeline to a fresh channel; {@code index} names the connection (nicks, logs). */
    void initChannel(Channel channel, int index, ClientEvents events);

    /** The frame that sends one stamped message of {@code size} text bytes to every member. */
    Object broadcast(ByteBufAllocator alloc, int sender, long nanos, int size);
}
