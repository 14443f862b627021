package dev.switchboard.example.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.support.fuzz.Canonical;
import dev.switchboard.support.fuzz.Chunks;
import dev.switchboard.support.fuzz.ErrorLog;
import dev.switchboard.support.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property and fuzz tests of the example protocol's line decoder, parser and serializer (spec §2.1, §3).
 * Every decoder try runs on a fresh {@code EmbeddedChannel} with a {@link TrackingAllocator}.
 */
class ExampleCodecFuzzTest {

    private static final int MAX_LINE = 200;

    private static List<Object> decode(List<byte[]> chunks, int maxLine) {
        TrackingAllocator alloc = new TrackingAllocator();
        List<Object> out = new ArrayList<>();
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new ExampleLineDecoder(maxLine));
            for (byte[] chunk : chunks) {
                ch.writeInbound(alloc.copyOf(chunk));
            }
            ch.finish();
            for (Object m = ch.readInbound(); m != null; m = ch.readInbound()) {
                assertThat(m).isInstanceOfAny(ExampleMessage.class, MalformedInput.class);
                out.add(m);
            }
            ch.checkException();
            log.assertNone();
        }
        alloc.assertAllReleased();
        return out;
    }

    @Property
    void decoder_whenAnyBytesInAnyChunks_thenSameMessagesOrMalformedLinesAsWhole(@ForAll("streams") byte[] stream,
            @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts,
            @ForAll @IntRange(min = 1, max = MAX_LINE) int maxLine) {
        List<String> whole = decode(List.of(stream), maxLine).stream().map(ExampleCodecFuzzTest::describe).toList();
        List<String> chunked = decode(Chunks.split(stream, cuts), maxLine).stream()
                .map(ExampleCodecFuzzTest::describe).toList();
        assertThat(chunked).isEqualTo(whole);
        assertThat(whole.size()).as("at most one result per line").isLessThanOrEqualTo(countLf(stream) + 1);
    }

    @Property
    void encoderThenDecoder_whenValidMessagesInAnyChunks_thenSameMessages(
            @ForAll("messages") List<ExampleMessage> messages,
            @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts) {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel encoder = new EmbeddedChannel();
        encoder.config().setAllocator(alloc);
        encoder.pipeline().addLast(new ExampleMessageEncoder());
        List<byte[]> wire = new ArrayList<>();
        for (ExampleMessage m : messages) {
            encoder.writeOutbound(m);
            ByteBuf buf = encoder.readOutbound();
            wire.add(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        assertThat(encoder.finish()).isFalse();
        alloc.assertAllReleased();

        List<Object> decoded = decode(Chunks.split(Chunks.concat(wire), cuts), 1 << 20);
        assertThat(decoded.stream().map(Canonical::of).toList())
                .isEqualTo(messages.stream().map(Canonical::of).toList());
    }

    @Property
    void parse_whenSerialized_thenSameMessage(@ForAll("message") ExampleMessage message) {
        ParseResult parsed = MessageParser.parse(MessageSerializer.serialize(message));
        assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) parsed).message()).isEqualTo(message);
    }

    @Property
    void parse_whenAnyText_thenResultNeverException(@ForAll("lines") String line) {
        ParseResult result = MessageParser.parse(line);
        if (result instanceof ParseResult.Parsed parsed) {
            // Whatever parses is a fixed point of serialize-then-parse when the serializer accepts it.
            String again;
            try {
                again = MessageSerializer.serialize(parsed.message());
            } catch (IllegalArgumentException lenientNames) {
                return;
            }
            ParseResult reparsed = MessageParser.parse(again);
            // §3.4 step 2 drops a server without a service, and §3.3 trims the line: both lose data by design.
            boolean lossless = !(parsed.message().service().isEmpty() && !parsed.message().server().isEmpty());
            if (lossless && !again.isEmpty() && !endsWithTrimmed(again)) {
                assertThat(reparsed).isEqualTo(result);
            }
        } else {
            assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        }
    }

    private static boolean endsWithTrimmed(String s) {
        char c = s.charAt(s.length() - 1);
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f';
    }

    private static int countLf(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String describe(Object decoded) {
        return decoded instanceof MalformedInput m ? "MALFORMED " + m.reason() : Canonical.of(decoded);
    }

    // --- generators ---

    private static Arbitrary<String> name(boolean lowercase, int maxLength) {
        Arbitrary<Character> first = lowercase
                ? Arbitraries.chars().range('A', 'Z').range('a', 'z').with('_')
                : Arbitraries.chars().range('A', 'Z').with('_');
        Arbitrary<String> rest = (lowercase
                ? Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                : Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9')).withChars('_')
                .ofMaxLength(maxLength - 1);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    /** Text of the Basic Multilingual Plane without NUL and surrogates, weighted towards the characters the syntax uses. */
    private static Arbitrary<String> value() {
        Arbitrary<String> syntax = Arbitraries.strings().withChars(";=\"\\ \t\n\r\u000b\f<>:/{").ofMaxLength(12);
        Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(20);
        return Combinators.combine(syntax, unicode, Arbitraries.strings().alpha().ofMaxLength(5))
                .as((a, b, c) -> c + a + b + a);
    }

    @Provide
    Arbitrary<ExampleMessage> message() {
        Arbitrary<String> route = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(".", "*", "?"), name(true, 8));
        Arbitrary<String> sentFrom = Arbitraries.oneOf(Arbitraries.just(""), name(true, 8));
        Arbitrary<Map<String, String>> parameters = Arbitraries.maps(name(true, 6), value()).ofMaxSize(4);
        return Combinators.combine(sentFrom, sentFrom, route, route, name(false, 8), parameters)
                .as((fromServer, fromService, server, service, command, params) -> {
                    TreeMap<String, String> sorted = new TreeMap<>(params);
                    if (!sorted.isEmpty()) {
                        // Spec §3.3/D6: trailing SP, HT, VT, FF of the last value are lost to the line trim.
                        sorted.put(sorted.lastKey(), sorted.lastEntry().getValue().replaceAll("[ \t\u000b\f]+$", ""));
                    }
                    // §3.4 step 2: without a service the server is not written, so it cannot round-trip.
                    return new ExampleMessage(fromServer, fromService, service.isEmpty() ? "" : server, service,
                            command, sorted);
                }).withoutEdgeCases();
    }

    @Provide
    Arbitrary<List<ExampleMessage>> messages() {
        return message().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.oneOf(
                message().map(MessageSerializer::serialize).flatMap(s -> Arbitraries.integers().between(0, s.length())
                        .flatMap(at -> Arbitraries.of('<', ':', '/', ' ', '=', ';', '"', '\\', '\n', '{', 'x').map(c ->
                                s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1))))),
                Arbitraries.strings().withChars("<:/ =;\"\\\t\n\r{AZaz09_").ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(40));
    }

    /** Encoded lines, mutated lines, over-long lines, CRLF, NUL, invalid UTF-8 and noise. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> line = message().map(m -> (MessageSerializer.serialize(m) + "\n").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = lines().map(s -> (s + "\n").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_LINE + 40);
        Arbitrary<byte[]> crlf = message().map(m -> (MessageSerializer.serialize(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> special = Arbitraries.of(new byte[] {'\n'}, new byte[] {'H', 'I', 0, '\n'},
                new byte[] {'H', (byte) 0xC3, '\n'}, new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
        return Arbitraries.oneOf(line, mutated, noise, crlf, special).list().ofMaxSize(6).map(Chunks::concat);
    }
}
