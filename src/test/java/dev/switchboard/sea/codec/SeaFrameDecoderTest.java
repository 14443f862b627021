package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaCodes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SeaFrameDecoderTest {

    /** TV-01 login frame. */
    private static final byte[] LOGIN = bytes(
            "00 00 0b | L=11",
            "01       | cmd=1",
            "05 41 6c 69 63 65 | ulen=5 Alice",
            "03 50 43 31       | clen=3 PC1");
    /** TV-11 ping. */
    private static final byte[] PING = bytes("00 00 01 | L=1", "03 | PING");

    private static EmbeddedChannel channel(int cap) {
        return new EmbeddedChannel(new SeaFrameDecoder(() -> cap));
    }

    private static void assertFrame(Object read, int length, int command, String body) {
        assertThat(read).isInstanceOf(SeaFrame.class);
        SeaFrame frame = (SeaFrame) read;
        try {
            assertThat(frame.length()).isEqualTo(length);
            assertThat(frame.command()).isEqualTo(command);
            assertThat(format(ByteBufUtil.getBytes(frame.content()))).isEqualTo(body);
        } finally {
            frame.release();
        }
    }

    @Test
    void decode_whenWholeFrame_thenEmitsCommandAndBody() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenBareCommand_thenEmptyBody() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(PING));
        assertFrame(ch.readInbound(), 1, 3, "");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenSplitAtEveryByteBoundary_thenSameFrame() {
        for (int split = 1; split < LOGIN.length; split++) {
            EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
            ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 0, split));
            assertThat((Object) ch.readInbound()).as("split at %d", split).isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, split, LOGIN.length - split));
            assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
            assertFalse(ch.finish());
        }
    }

    @Test
    void decode_whenFedOneByteAtATime_thenEmitsFrameOnLastByte() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        for (int i = 0; i < LOGIN.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, i, 1));
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, LOGIN.length - 1, 1));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenHeaderArrivesWithoutBody_thenWaitsAndThenDecodes() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 0, 4));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 4, LOGIN.length - 4));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenTwoFramesInOneWrite_thenEmitsBothInOrder() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(LOGIN, PING)));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        assertFrame(ch.readInbound(), 1, 3, "");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenTruncatedThenClosed_thenNothingEmitted() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 0, LOGIN.length - 1));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenCompleteFrameBeforeClose_thenStillEmitted() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(PING, bytes("00 00"))));
        ch.close();
        assertFrame(ch.readInbound(), 1, 3, "");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenZeroLength_thenMalformedAndRestDiscarded() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(bytes("00 00 00 03 | L=0, cmd 3"), PING)));
        assertThat((Object) ch.readInbound()).isEqualTo(new MalformedFrame("zero frame length"));
        ch.writeInbound(Unpooled.wrappedBuffer(PING));
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenLengthOverLimit_thenMalformedBeforeBodyArrives() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("00 04 01 | L=1025")));
        assertThat((Object) ch.readInbound())
                .isEqualTo(new MalformedFrame("frame length 1025 exceeds the limit of 1024"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenLengthExactlyAtLimit_thenAccepted() {
        EmbeddedChannel ch = channel(4);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("00 00 04 05 00 05 aa | L=4 USERINFO_REQUEST + 1 extra")));
        assertFrame(ch.readInbound(), 4, 5, "00 05 aa");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenMaximumFrame_thenAccepted() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ByteBuf in = Unpooled.buffer(3 + SeaCodes.MAX_FRAME_LENGTH);
        in.writeMedium(SeaCodes.MAX_FRAME_LENGTH).writeByte(2).writeZero(SeaCodes.MAX_FRAME_LENGTH - 1);
        ch.writeInbound(in);
        SeaFrame frame = ch.readInbound();
        assertThat(frame.length()).isEqualTo(0xFFFFFF);
        assertThat(frame.content().readableBytes()).isEqualTo(0xFFFFFE);
        frame.release();
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenCapChangesBetweenFrames_thenEachFrameCheckedAgainstCurrentCap() {
        int[] cap = {1};
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> cap[0]));
        ch.writeInbound(Unpooled.wrappedBuffer(PING));
        assertFrame(ch.readInbound(), 1, 3, "");
        cap[0] = 11;
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenUnknownCodeThenGoodFrame_thenBothEmitted() {
        EmbeddedChannel ch = channel(SeaCodes.MAX_FRAME_LENGTH);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(bytes("00 00 03 0d 78 78 | reserved #13"), PING)));
        assertFrame(ch.readInbound(), 3, 13, "78 78");
        assertFrame(ch.readInbound(), 1, 3, "");
        assertFalse(ch.finish());
    }

    /** Records what the decoder asked, and refuses frames above {@code limit}. */
    private static final class RecordingAllowance implements SeaFrameAllowance {
        private final int limit;
        final java.util.List<String> calls = new java.util.ArrayList<>();

        RecordingAllowance(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean frameStarted(int length) {
            calls.add("started " + length);
            return length <= limit;
        }

        @Override
        public void frameCompleted() {
            calls.add("completed");
        }
    }

    @Test
    void decode_whenFrameArrivesInParts_thenAllowanceAskedOnceAndToldWhenComplete() {
        RecordingAllowance allowance = new RecordingAllowance(SeaCodes.MAX_FRAME_LENGTH);
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH, allowance));
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 0, 5));
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 5, 3));
        assertThat(allowance.calls).containsExactly("started 11");
        ch.writeInbound(Unpooled.wrappedBuffer(LOGIN, 8, LOGIN.length - 8));
        assertFrame(ch.readInbound(), 11, 1, "05 41 6c 69 63 65 03 50 43 31");
        // a frame that arrives whole is never held back, so nothing is asked
        ch.writeInbound(Unpooled.wrappedBuffer(PING));
        assertFrame(ch.readInbound(), 1, 3, "");
        assertThat(allowance.calls).containsExactly("started 11", "completed");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenAllowanceRefuses_thenFrameAndEverythingAfterDiscarded() {
        RecordingAllowance allowance = new RecordingAllowance(100);
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH, allowance));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("00 10 00 | L=4096", "02 | SEND_MESSAGE", "41 41")));
        ch.writeInbound(Unpooled.wrappedBuffer(PING));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(allowance.calls).containsExactly("started 4096");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenChannelClosesMidFrame_thenAllowanceToldOnce() {
        RecordingAllowance allowance = new RecordingAllowance(SeaCodes.MAX_FRAME_LENGTH);
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH, allowance));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("ff ff ff | L=16 MiB - 1", "02 | SEND_MESSAGE", "41")));
        assertFalse(ch.finish());
        assertThat(allowance.calls).containsExactly("started 16777215", "completed");
    }

    /**
     * The declared 16 MiB are never allocated up front: after 1 MiB of a maximal frame the decoder holds
     * buffers of about what arrived (Netty's cumulation grows by doubling), not of what was announced.
     */
    @Test
    void decode_whenMaximalFramePartlyReceived_thenBufferedMemoryFollowsBytesReceived() {
        io.netty.buffer.UnpooledByteBufAllocator allocator = new io.netty.buffer.UnpooledByteBufAllocator(false);
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH));
        ch.config().setAllocator(allocator);
        ByteBuf header = allocator.heapBuffer(4).writeBytes(bytes("ff ff ff 02"));
        ch.writeInbound(header);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
            ch.writeInbound(allocator.heapBuffer(chunk.length).writeBytes(chunk));
        }
        long held = allocator.metric().usedHeapMemory();
        assertThat(held).isGreaterThanOrEqualTo(1024 * 1024).isLessThan(3L * 1024 * 1024);
        assertFalse(ch.finish());
        assertThat(allocator.metric().usedHeapMemory()).isZero();
    }
}
