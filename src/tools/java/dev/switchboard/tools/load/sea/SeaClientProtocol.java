package dev.switchboard.tools.load.sea;

import dev.switchboard.tools.load.ClientEvents;
import dev.switchboard.tools.load.ClientProtocol;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/** The SEA client the driver runs: log in, then send group messages (dst 0) that reach everybody (§9.1). */
public final class SeaClientProtocol implements ClientProtocol {

    /** A USERLIST of the largest roster the driver builds (200k × ~20 bytes) fits well inside this. */
    static final int MAX_SERVER_MESSAGE = 16 * 1024 * 1024;

    @Override
    public void initChannel(Channel channel, int index, ClientEvents events) {
        channel.pipeline().addLast("sea-decoder", new SeaServerDecoder(MAX_SERVER_MESSAGE));
        channel.pipeline().addLast("sea-client", new SeaClientHandler(index, events));
    }

    @Override
    public Object broadcast(ByteBufAllocator alloc, int sender, long nanos, int size) {
        return SeaClientFrames.sendMessage(alloc, SeaClientFrames.EVERYBODY, sender, nanos, size);
    }
}
