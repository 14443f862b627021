package dev.switchboard.tools.codec.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client codec against the spec's vectors: §4.1/§4.2 parsing and §4.3 serialization, byte for byte. */
class ExampleLinesTest {

    /** Valid vectors: raw line (LF removed), then the expected message. */
    static Stream<Arguments> validVectors() {
        return Stream.of(
                Arguments.of("V1", "HI", msg("", "", "", "", "HI")),
                Arguments.of("V2", "DAD\r", msg("", "", "", "", "DAD")),
                Arguments.of("V3", "<srv:svc DAD", msg("srv", "svc", "", "", "DAD")),
                Arguments.of("V4", "a:b/CMD x=1;y=2", msg("", "", "a", "b", "CMD", "x", "1", "y", "2")),
                Arguments.of("V5", "b/CMD", msg("", "", "", "b", "CMD")),
                Arguments.of("V6", "a:CMD", msg("", "", "a", "", "CMD")),
                Arguments.of("V7", "<: CMD", msg("", "", "", "", "CMD")),
                Arguments.of("V8", "<a:b:c/d CMD", msg("a", "b:c/d", "", "", "CMD")),
                Arguments.of("V9", "UNKNOWN command=HELP", msg("", "", "", "", "UNKNOWN", "command", "HELP")),
                Arguments.of("V10", "CMD a=1;", msg("", "", "", "", "CMD", "a", "1")),
                Arguments.of("V11", "CMD a=;b=", msg("", "", "", "", "CMD", "a", "", "b", "")),
                Arguments.of("V12", "CMD msg=\"x;y\";n=5", msg("", "", "", "", "CMD", "msg", "x;y", "n", "5")),
                // wire: CMD q="say \"hi\";"
                Arguments.of("V13", "CMD q=\"say \\\"hi\\\";\"", msg("", "", "", "", "CMD", "q", "say \"hi\";")),
                // wire: CMD p=line1\nline2\\end
                Arguments.of("V14", "CMD p=line1\\nline2\\\\end", msg("", "", "", "", "CMD", "p", "line1\nline2\\end")),
                Arguments.of("V15", "CMD a=x=y", msg("", "", "", "", "CMD", "a", "x=y")),
                Arguments.of("V16", "CMD a=b c", msg("", "", "", "", "CMD", "a", "b c")),
                Arguments.of("V17", "CMD a=b   ", msg("", "", "", "", "CMD", "a", "b")),
                // wire: CMD a=b\"c — in a plain value the backslash stays
                Arguments.of("V18", "CMD a=b\\\"c", msg("", "", "", "", "CMD", "a", "b\\\"c")),
                // wire: CMD a=\q — unknown escape kept
                Arguments.of("V19", "CMD a=\\q", msg("", "", "", "", "CMD", "a", "\\q")),
                Arguments.of("V20", "CMD a=1;a=2", msg("", "", "", "", "CMD", "a", "2")),
                Arguments.of("V21", "lower x=1", msg("", "", "", "", "lower", "x", "1")),
                Arguments.of("V22", "HI-THERE", msg("", "", "", "", "HI-THERE")),
                Arguments.of("V23", "LOG_ROTATE secret_code=s3cr3t",
                        msg("", "", "", "", "LOG_ROTATE", "secret_code", "s3cr3t")),
                // X17/X18: REF rejects (trailing-backslash defect D5); the §3.5 recommended decoder accepts.
                // wire: CMD a="x;\\"
                Arguments.of("X17", "CMD a=\"x;\\\\\"", msg("", "", "", "", "CMD", "a", "x;\\")),
                // wire: CMD a="x;\\";b="y"
                Arguments.of("X18", "CMD a=\"x;\\\\\";b=\"y\"", msg("", "", "", "", "CMD", "a", "x;\\", "b", "y")));
    }

    /** Invalid vectors X1–X16 (X1, X9 and X13 have two lines each). */
    static Stream<Arguments> invalidVectors() {
        return Stream.of(
                Arguments.of("X1", ""),
                Arguments.of("X1", "   "),
                Arguments.of("X2", "CMD a=\"x\"y"),
                Arguments.of("X3", "CMD a=\"unterminated"),
                Arguments.of("X4", "CMD =v"),
                Arguments.of("X5", "CMD 1a=v"),
                Arguments.of("X6", "CMD a-b=v"),
                Arguments.of("X7", "CMD a"),
                Arguments.of("X8", "CMD a=1;;b=2"),
                Arguments.of("X9", "CMD  a=1"),
                Arguments.of("X9", "CMD a=1; b=2"),
                Arguments.of("X10", ":CMD"),
                Arguments.of("X11", "/CMD"),
                Arguments.of("X12", "a/b/CMD"),
                Arguments.of("X13", "a:b:CMD"),
                Arguments.of("X13", "a/b:CMD"),
                Arguments.of("X14", "a/"),
                Arguments.of("X15", "<srv:svc"),
                Arguments.of("X16", "<srv CMD"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validVectors")
    void parse_whenValidVector_thenMessage(String id, String raw, ExampleLine expected) {
        assertThat(ExampleLines.parse(raw)).isEqualTo(new ExampleLines.Valid(expected));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidVectors")
    void parse_whenInvalidVector_thenInvalid(String id, String raw) {
        assertThat(ExampleLines.parse(raw)).isInstanceOf(ExampleLines.Invalid.class);
    }

    /** §4.3 S1–S12: message, then the exact wire text without LF. */
    static Stream<Arguments> serializationVectors() {
        return Stream.of(
                Arguments.of("S1", msg("", "", "", "", "CLIMB"), "CLIMB"),
                Arguments.of("S2", msg("", "", "", "", "UNKNOWN", "command", "HELP"), "UNKNOWN command=HELP"),
                Arguments.of("S3", msg("host", "ed_signal", "", "", "QUIT"), "<host:ed_signal QUIT"),
                Arguments.of("S4", msg("", "", "host", "ed_signal", "UNKNOWN", "command", "FOO"),
                        "host:ed_signal/UNKNOWN command=FOO"),
                Arguments.of("S5", msg("", "", "srvonly", "", "CMD"), "CMD"),
                Arguments.of("S6", msg("", "", "", "", "CMD", "b", "2", "a", "1", "Z", "z", "_u", "u"), "CMD Z=z;_u=u;a=1;b=2"),
                Arguments.of("S7", msg("", "", "", "", "CMD", "v", "x;y"), "CMD v=\"x;y\""),
                Arguments.of("S8", msg("", "", "", "", "CMD", "v", "a\"b"), "CMD v=a\"b"),
                Arguments.of("S9", msg("", "", "", "", "CMD", "v", "\"q"), "CMD v=\"\\\"q\""),
                Arguments.of("S10", msg("", "", "", "", "CMD", "v", "l1\nl2\r"), "CMD v=l1\\nl2\\r"),
                Arguments.of("S11", msg("", "", "", "", "CMD", "v", ""), "CMD v="),
                Arguments.of("S12", msg("", "", "", "", "LOG_ROTATE", "secret_code", "s3cr3t"),
                        "LOG_ROTATE secret_code=s3cr3t"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("serializationVectors")
    void serialize_whenVector_thenExactWireText(String id, ExampleLine message, String wire) {
        assertThat(ExampleLines.serialize(message)).isEqualTo(wire);
    }

    @Test
    void serialize_whenNamesBreakTheSenderRulesOrValueHasNul_thenRefused() {
        assertThatThrownBy(() -> ExampleLines.serialize(ExampleLine.of("hi"))).hasMessageContaining("command");
        assertThatThrownBy(() -> ExampleLines.serialize(ExampleLine.of("2X"))).hasMessageContaining("command");
        assertThatThrownBy(() -> ExampleLines.serialize(ExampleLine.of("CMD").withParameter("a-b", "v")))
                .hasMessageContaining("parameter");
        assertThatThrownBy(() -> ExampleLines.serialize(ExampleLine.of("CMD").withDestination("", "s v")))
                .hasMessageContaining("service");
        assertThatThrownBy(() -> ExampleLines.serialize(ExampleLine.of("CMD").withParameter("a", "x\0y")))
                .hasMessageContaining("NUL");
        assertThat(ExampleLines.serialize(ExampleLine.of("CMD").withDestination("*", "?"))).isEqualTo("*:?/CMD");
    }

    @Test
    void names_whenSpecExamples_thenSenderRulesApplied() {
        assertThat(ExampleNames.isCommand("HI")).isTrue();
        assertThat(ExampleNames.isCommand("LOG_ROTATE")).isTrue();
        assertThat(ExampleNames.isCommand("X2")).isTrue();
        assertThat(ExampleNames.isCommand("_PRIVATE")).isTrue();
        assertThat(ExampleNames.isCommand("hi")).isFalse();
        assertThat(ExampleNames.isCommand("2X")).isFalse();
        assertThat(ExampleNames.isCommand("HI-THERE")).isFalse();
        assertThat(ExampleNames.isParameter("secret_code")).isTrue();
        assertThat(ExampleNames.isParameter("")).isFalse();
        assertThat(ExampleNames.isSentFrom("")).isTrue();
        assertThat(ExampleNames.isRoute(".")).isTrue();
        assertThat(ExampleNames.isRoute("..")).isFalse();
    }

    private static ExampleLine msg(String fromServer, String fromService, String server, String service, String command,
            String... params) {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ExampleLine(fromServer, fromService, server, service, command, map);
    }
}
