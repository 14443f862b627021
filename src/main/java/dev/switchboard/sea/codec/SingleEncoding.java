package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SeaVersions;
import io.netty.buffer.ByteBuf;

/** A message with one layout for every version that understands it; owns {@code encoded}. */
final class SingleEncoding implements SeaEncoding {

    private final SeaServerMessage message;
    private final ByteBuf encoded;

    SingleEncoding(SeaServerMessage message, ByteBuf encoded) {
        this.message = message;
        this.encoded = encoded;
    }

    @Override
    public ByteBuf forRecipient(byte version) {
        if (!SeaVersions.understands(version, message)) {
            throw new IllegalArgumentException(message.getClass().getSimpleName()
                    + " must not be sent to version " + (version & 0xFF));
        }
        return encoded.retainedDuplicate();
    }

    @Override
    public void close() {
        encoded.release();
    }
}
