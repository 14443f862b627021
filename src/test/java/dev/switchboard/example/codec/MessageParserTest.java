package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §4.1 and §4.2 test vectors against the pure parser. Java literals mirror the spec's JSON literals. */
class MessageParserTest {

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
    void parse_whenValidVector_thenMessageMatchesSpec(String id, String line, ExampleMessage expected) {
        ParseResult result = MessageParser.parse(line);

        assertThat(result).isEqualTo(new ParseResult.Parsed(expected));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("invalidVectors")
    void parse_whenInvalidVector_thenInvalid(String id, String line) {
        ParseResult result = MessageParser.parse(line);

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) result).reason()).isNotBlank();
    }

    @Test
    void parse_whenQuotedValueHasEscapes_thenSinglePassDecoderRestoresThem() {
        // wire: CMD v="a\\b\"c\nd\re\x" — \\ \" \n \r are escapes, \x is kept as two chars (§3.5)
        ParseResult result = MessageParser.parse("CMD v=\"a\\\\b\\\"c\\nd\\re\\x\"");

        assertThat(result).isEqualTo(new ParseResult.Parsed(msg("", "", "", "", "CMD", "v", "a\\b\"c\nd\re\\x")));
    }

    @Test
    void parse_whenLeadingAndTrailingTrimSet_thenOnlyThoseSixCharactersAreStripped() {
        // SP HT LF VT FF CR are trimmed (§3.3 step 1); 0x1F is not, so it stays in the value
        ParseResult result = MessageParser.parse(" \t\n\u000B\f\rCMD a=x\u001F\r\n");

        assertThat(result).isEqualTo(new ParseResult.Parsed(msg("", "", "", "", "CMD", "a", "x\u001F")));
    }

    @Test
    void parse_whenJsonForm_thenInvalidBecauseUnsupported() {
        assertThat(MessageParser.parse("{\"command\":\"DAD\"}")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void parse_whenSentFromServerHasNoColonBeforeEnd_thenInvalid() {
        assertThat(MessageParser.parse("<srv")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void parse_whenNonAsciiParameterName_thenInvalid() {
        assertThat(MessageParser.parse("CMD é=1")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void parse_whenNonAsciiValue_thenKept() {
        assertThat(MessageParser.parse("CMD a=héllo ✓"))
                .isEqualTo(new ParseResult.Parsed(msg("", "", "", "", "CMD", "a", "héllo ✓")));
    }

    /** Builds a message; trailing varargs are name/value pairs. */
    static ExampleMessage msg(String sfServer, String sfService, String server, String service, String command,
                              String... params) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ExampleMessage(sfServer, sfService, server, service, command, new TreeMap<>(map));
    }
}
