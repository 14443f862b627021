package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static dev.switchboard.example.codec.MessageParserTest.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link ExampleMessageEncoder}: serialize + LF, byte-exact (spec §2.1, §4.3, §6.1). */
class ExampleMessageEncoderTest {

    static Stream<Arguments> serializationVectors() {
        return MessageSerializerTest.serializationVectors();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("serializationVectors")
    void encode_whenSpecVector_thenWireTextPlusLf(String id, ExampleMessage message, String wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleMessageEncoder());

        ch.writeOutbound(message);

        ByteBuf out = ch.readOutbound();
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(wire + "\n");
        } finally {
            out.release();
        }
        assertFalse(ch.finish());
    }

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
