package dev.switchboard.tools.load.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleConversationHandlerTest {

    private final List<String> events = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new LineBasedFrameDecoder(1024), new ExampleConversationHandler(
                new ExampleConversationHandler.Listener() {
                    @Override
                    public void completed() {
                        events.add("completed");
                    }

                    @Override
                    public void unexpected(String line) {
                        events.add("unexpected " + line);
                    }
                }));
    }

    private static String written(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void conversation_whenServerFollowsTranscript_thenClientRepliesAndClosesOnBye() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("HI\n", StandardCharsets.US_ASCII));
        assertThat(written(ch)).isEqualTo("DAD\n");
        // CRLF framing is tolerated (§2.1); two lines in one write.
        ch.writeInbound(Unpooled.copiedBuffer("CLIMB\r\nWHO\n", StandardCharsets.US_ASCII));
        assertThat(written(ch)).isEqualTo("TOP\nMOM\n");
        ch.writeInbound(Unpooled.copiedBuffer("BYE\n", StandardCharsets.US_ASCII));
        assertThat(events).containsExactly("completed");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void conversation_whenOutOfOrderLine_thenUnexpectedAndNoReply() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("CLIMB\nUNKNOWN command=X\n", StandardCharsets.US_ASCII));
        assertThat(written(ch)).isEmpty();
        assertThat(events).containsExactly("unexpected CLIMB", "unexpected UNKNOWN command=X");
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }
}
