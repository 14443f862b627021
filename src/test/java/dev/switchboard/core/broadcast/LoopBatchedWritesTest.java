package dev.switchboard.core.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoopBatchedWritesTest {

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String read(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void submit_whenRecipientsOnCallersLoop_thenWrittenInOrderAndFlushed() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        LoopBatchedWrites writes = new LoopBatchedWrites();
        writes.add(a, text("1"));
        writes.add(b, text("x"));
        writes.add(a, text("2"));

        assertThat(a.outboundMessages()).isEmpty();
        writes.submit();

        assertThat(read(a)).isEqualTo("1");
        assertThat(read(a)).isEqualTo("2");
        assertThat(read(b)).isEqualTo("x");
        assertFalse(a.finish());
        assertFalse(b.finish());
    }

    @Test
    void submit_whenChannelClosedBeforeTheBatchRuns_thenItsMessageIsReleasedNotLeaked() {
        EmbeddedChannel open = new EmbeddedChannel();
        EmbeddedChannel closed = new EmbeddedChannel();
        ByteBuf lost = text("gone");
        LoopBatchedWrites writes = new LoopBatchedWrites();
        writes.add(open, text("kept"));
        writes.add(closed, lost);
        closed.close();

        writes.submit();

        assertThat(lost.refCnt()).isZero();
        assertThat(read(open)).isEqualTo("kept");
        assertFalse(open.finish());
    }
}
