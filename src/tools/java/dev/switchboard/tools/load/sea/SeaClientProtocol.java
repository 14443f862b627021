package dev.switchboard.tools.load.sea;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerDecoder;
import dev.switchboard.tools.load.ClientEvents;
import dev.switchboard.tools.load.ClientProtocol;
import dev.switchboard.tools.load.Stamp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * The SEA client the driver runs: log in, then send group messages (dst 0) that reach everybody (§9.1).
 * It never sends #4, so its sessions stay at version 0 and read the classic MESSAGE layout (§7).
 */
public final class SeaClientProtocol implements ClientProtocol {

    /** A USERLIST of the largest roster the driver builds (200k × ~20 bytes) fits well inside this. */
    static final int MAX_SERVER_MESSAGE = 16 * 1024 * 1024;

    @Override
    public void initChannel(Channel channel, int index, ClientEvents events) {
        // Deliveries go straight from the read buffer to the driver: no holder or slice per message.
        channel.pipeline().addLast("sea-decoder", new SeaServerDecoder(MAX_SERVER_MESSAGE, 0,
                (senderId, isPrivate, in, at, length) -> events.delivered(in, at, length)));
        channel.pipeline().addLast("sea-client", new SeaClientHandler(index, events));
    }

    @Override
    public Object broadcast(ByteBufAllocator alloc, int sender, long nanos, int size) {
        return stampedMessage(alloc, SeaClientFrames.GROUP, sender, nanos, size);
    }

    /** #2 SEND_MESSAGE to {@code dst} whose text is a {@link Stamp} padded to {@code size} (§5.3), in one buffer. */
    public static ByteBuf stampedMessage(ByteBufAllocator alloc, int dst, int sender, long nanos, int size) {
        int textLength = Stamp.length(sender, nanos, size);
        ByteBuf out = alloc.buffer(SeaClientFrames.SEND_MESSAGE_HEADER + textLength);
        SeaClientFrames.writeSendMessageHeader(out, dst, 0, textLength);
        Stamp.write(out, sender, nanos, size);
        return out;
    }
}
