package dev.switchboard.sea.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SeaFloodGateTest {

    private static ByteBuf frame(int b) {
        return Unpooled.buffer(1).writeByte(b);
    }

    @Test
    void channelRead_whenOpen_thenPassesThrough() {
        SeaFloodGate gate = new SeaFloodGate();
        EmbeddedChannel ch = new EmbeddedChannel(gate);
        ch.writeInbound(frame(1));
        ByteBuf out = ch.readInbound();
        assertThat(out.readByte()).isEqualTo((byte) 1);
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void channelRead_whenPaused_thenHeldAndReadingStoppedUntilResumedInOrder() {
        SeaFloodGate gate = new SeaFloodGate();
        EmbeddedChannel ch = new EmbeddedChannel(gate);
        gate.pause();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.writeInbound(frame(1));
        ch.writeInbound(frame(2));
        assertThat((Object) ch.readInbound()).isNull();
        gate.resume();
        assertThat(ch.config().isAutoRead()).isTrue();
        for (int i = 1; i <= 2; i++) {
            ByteBuf out = ch.readInbound();
            assertThat(out.readByte()).isEqualTo((byte) i);
            out.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void resume_whenPausedAgainByFirstHeldFrame_thenSecondStaysHeld() {
        SeaFloodGate gate = new SeaFloodGate();
        EmbeddedChannel ch = new EmbeddedChannel(gate, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                // the downstream session throttles again after each frame, as flood control would
                gate.pause();
                ctx.fireChannelRead(msg);
            }
        });
        gate.pause();
        ch.writeInbound(frame(1));
        ch.writeInbound(frame(2));
        gate.resume();
        ByteBuf first = ch.readInbound();
        assertThat(first.readByte()).isEqualTo((byte) 1);
        first.release();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.config().isAutoRead()).isFalse();
        gate.resume();
        ByteBuf second = ch.readInbound();
        assertThat(second.readByte()).isEqualTo((byte) 2);
        second.release();
        assertFalse(ch.finish());
    }

    @Test
    void channelInactive_whenFramesHeld_thenReleased() {
        SeaFloodGate gate = new SeaFloodGate();
        EmbeddedChannel ch = new EmbeddedChannel(gate);
        gate.pause();
        ByteBuf held = frame(1);
        ch.writeInbound(held);
        ch.close();
        assertThat(held.refCnt()).isZero();
        assertFalse(ch.finish());
    }
}
