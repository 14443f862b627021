package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.switchboard.example.codec.MessageParserTest.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link ExampleMessageEncoder}: serialize + LF, byte-exact (spec §2.1, §6.1). */
class ExampleMessageEncoderTest {

    @Test
    void encode_whenClimb_thenExactBytesOfTranscriptStep3() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleMessageEncoder());

        ch.writeOutbound(ExampleMessage.of("CLIMB"));

        ByteBuf out = ch.readOutbound();
        try {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            assertThat(bytes).containsExactly(0x43, 0x4C, 0x49, 0x4D, 0x42, 0x0A);   // "CLIMB" LF
        } finally {
            out.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void encode_whenRoutedNonAsciiMessage_thenUtf8WireTextAndLf() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleMessageEncoder());

        ch.writeOutbound(msg("", "", "host", "ed_signal", "UNKNOWN", "command", "é;"));

        ByteBuf out = ch.readOutbound();
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("host:ed_signal/UNKNOWN command=\"é;\"\n");
        } finally {
            out.release();
        }
        assertFalse(ch.finish());
    }
}
