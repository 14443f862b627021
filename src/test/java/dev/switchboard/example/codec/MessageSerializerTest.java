package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.switchboard.example.codec.MessageParserTest.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec §4.3 (S1–S12) and the §3.5 escaping table against the serializer, plus round trips. */
class MessageSerializerTest {

    static Stream<Arguments> serializationVectors() {
        return Stream.of(
                Arguments.of("S1", msg("", "", "", "", "CLIMB"), "CLIMB"),
                Arguments.of("S2", msg("", "", "", "", "UNKNOWN", "command", "HELP"), "UNKNOWN command=HELP"),
                Arguments.of("S3", msg("host", "ed_signal", "", "", "QUIT"), "<host:ed_signal QUIT"),
                Arguments.of("S4", msg("", "", "host", "ed_signal", "UNKNOWN", "command", "FOO"),
                        "host:ed_signal/UNKNOWN command=FOO"),
                Arguments.of("S5", msg("", "", "srvonly", "", "CMD"), "CMD"),
                Arguments.of("S6", msg("", "", "", "", "CMD", "b", "2", "a", "1", "Z", "z", "_u", "u"),
                        "CMD Z=z;_u=u;a=1;b=2"),
                Arguments.of("S7", msg("", "", "", "", "CMD", "v", "x;y"), "CMD v=\"x;y\""),
                Arguments.of("S8", msg("", "", "", "", "CMD", "v", "a\"b"), "CMD v=a\"b"),
                Arguments.of("S9", msg("", "", "", "", "CMD", "v", "\"q"), "CMD v=\"\\\"q\""),
                Arguments.of("S10", msg("", "", "", "", "CMD", "v", "l1\nl2\r"), "CMD v=l1\\nl2\\r"),
                Arguments.of("S11", msg("", "", "", "", "CMD", "v", ""), "CMD v="),
                Arguments.of("S12", msg("", "", "", "", "LOG_ROTATE", "secret_code", "s3cr3t"),
                        "LOG_ROTATE secret_code=s3cr3t"));
    }

    /** The §3.5 escaping table: raw value, exact wire text of the value. */
    static Stream<Arguments> escapingTable() {
        return Stream.of(
                Arguments.of("hello world", "hello world"),
                Arguments.of("x=y", "x=y"),
                Arguments.of("a\"b", "a\"b"),
                Arguments.of("\"q", "\"\\\"q\""),
                Arguments.of("x;y", "\"x;y\""),
                Arguments.of("say \"hi\";", "\"say \\\"hi\\\";\""),
                Arguments.of("l1\nl2\r", "l1\\nl2\\r"),
                Arguments.of("back\\slash", "back\\\\slash"),
                Arguments.of("x;\\", "\"x;\\\\\""),
                Arguments.of("tab\there\u0001", "tab\there\u0001"),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("serializationVectors")
    void serialize_whenSpecVector_thenExactWireText(String id, ExampleMessage message, String wire) {
        assertThat(MessageSerializer.serialize(message)).isEqualTo(wire);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @MethodSource("escapingTable")
    void serialize_whenEscapingTableValue_thenExactWireTextAndRoundTrip(String raw, String wireValue) {
        ExampleMessage message = msg("", "", "", "", "CMD", "v", raw);

        String wire = MessageSerializer.serialize(message);

        assertThat(wire).isEqualTo("CMD v=" + wireValue);
        // The §3.5 single-pass decoder gives back every value the serializer writes (including x;\).
        assertThat(MessageParser.parse(wire)).isEqualTo(new ParseResult.Parsed(message));
    }

    @Test
    void serialize_whenFullyRoutedMessage_thenRoundTrips() {
        ExampleMessage message = msg("me", "client", "*", "svc", "UNKNOWN", "command", "a b;c", "x", "\\n");

        String wire = MessageSerializer.serialize(message);

        assertThat(wire).isEqualTo("<me:client *:svc/UNKNOWN command=\"a b;c\";x=\\\\n");
        assertThat(MessageParser.parse(wire)).isEqualTo(new ParseResult.Parsed(message));
    }

    @Test
    void serialize_whenCommandEmptyOrBreaksRules_thenRejected() {
        assertThatThrownBy(() -> MessageSerializer.serialize(ExampleMessage.of("")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSerializer.serialize(ExampleMessage.of("hi")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSerializer.serialize(ExampleMessage.of("HI-THERE")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serialize_whenSentFromOrParameterNameBreaksRules_thenRejected() {
        assertThatThrownBy(() -> MessageSerializer.serialize(msg("my-host", "x", "", "", "DAD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSerializer.serialize(msg("", "", "", "", "DAD", "1a", "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSerializer.serialize(msg("", "", "", "", "DAD", "a", "nul\0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
