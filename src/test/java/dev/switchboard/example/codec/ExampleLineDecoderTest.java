package dev.switchboard.example.codec;

import dev.switchboard.core.connection.MalformedInput;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.message.ExampleMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.switchboard.example.codec.MessageParserTest.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link ExampleLineDecoder} over {@link EmbeddedChannel}: framing, limits and bad bytes (spec §2.1). */
class ExampleLineDecoderTest {

    private static final int MAX = 16;

    static Stream<Arguments> validVectors() {
        return MessageParserTest.validVectors();
    }

    static Stream<Arguments> invalidVectors() {
        // X1's "" is an empty line, which is dropped silently rather than reported (§2.1).
        return MessageParserTest.invalidVectors().filter(a -> !((String) a.get()[1]).isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validVectors")
    void decode_whenValidVectorFramedWithLf_thenMessage(String id, String line, ExampleMessage expected) {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(1024));

        ch.writeInbound(utf8(line + "\n"));

        assertThat(drain(ch)).containsExactly(expected);
        assertFalse(ch.finish());
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("invalidVectors")
    void decode_whenInvalidVectorFramedWithLf_thenSyntaxMalformed(String id, String line) {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(1024));

        ch.writeInbound(utf8(line + "\n"));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.SYNTAX);
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenEmptyLine_thenNothingEmitted() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(utf8("\n\n"));

        assertThat(drain(ch)).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenFrameSplitAtEveryByteBoundary_thenSameMessage() {
        byte[] wire = "<a:b x:y/CMD p=\"q;r\"\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < wire.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(1024));

            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            assertThat(drain(ch)).as("after %d bytes", split).isEmpty();
            ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));

            assertThat(drain(ch)).containsExactly(msg("a", "b", "x", "y", "CMD", "p", "q;r"));
            assertFalse(ch.finish());
        }
    }

    @Test
    void decode_whenTwoFramesInOneWrite_thenTwoMessagesInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(utf8("DAD\nTOP\r\n"));

        assertThat(drain(ch)).containsExactly(ExampleMessage.of("DAD"), ExampleMessage.of("TOP"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenHalfALineThenClose_thenTruncatedReported() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(utf8("DAD\nMO"));
        assertThat(drain(ch)).containsExactly(ExampleMessage.of("DAD"));

        assertThat(ch.finish()).isTrue();  // close: decodeLast reports the two pending bytes
        List<Object> last = drain(ch);
        assertThat(last).hasSize(1);
        MalformedInput truncated = (MalformedInput) last.get(0);
        assertThat(truncated.reason()).isEqualTo(ExampleCloseReason.TRUNCATED);
        assertThat(truncated.detail()).isEqualTo("2 bytes without a final LF: MO");
    }

    @Test
    void decode_whenLineExactlyAtLimit_thenAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        // 16 bytes: "CMD a=" (6) + 10 x 'v'
        ch.writeInbound(utf8("CMD a=vvvvvvvvvv\n"));

        assertThat(drain(ch)).containsExactly(msg("", "", "", "", "CMD", "a", "vvvvvvvvvv"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenLineOverLimitWithoutLf_thenTooLongOnceWithoutWaitingForTheEnd() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(utf8("CMD a=vvvvvvvvvvv"));  // 17 bytes, no LF yet
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.TOO_LONG);
        assertThat(ExampleCloseReason.TOO_LONG.closes()).isTrue();

        ch.writeInbound(utf8("still the same line"));
        assertThat(drain(ch)).isEmpty();

        // A good frame after the bad one: discarding ends at the over-long line's LF.
        ch.writeInbound(utf8("rest\nDAD\n"));
        assertThat(drain(ch)).containsExactly(ExampleMessage.of("DAD"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenOverLongLineAndGoodLineInOneWrite_thenTooLongThenMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(utf8("CMD a=vvvvvvvvvvv\nMOM\n"));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.TOO_LONG);
        assertThat(out.get(1)).isEqualTo(ExampleMessage.of("MOM"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenInvalidUtf8_thenInvalidUtf8ReportedAndNextLineDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {
                'C', 'M', 'D', ' ', 'a', '=',
                (byte) 0xC3, (byte) 0x28,   // 0xC3 needs a continuation byte; 0x28 is not one
                '\n',
                'T', 'O', 'P', '\n'}));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        MalformedInput bad = (MalformedInput) out.get(0);
        assertThat(bad.reason()).isEqualTo(ExampleCloseReason.INVALID_UTF8);
        assertThat(ExampleCloseReason.INVALID_UTF8.closes()).isFalse();
        assertThat(bad.detail()).endsWith(": CMD a=\\xC3(");
        assertThat(out.get(1)).isEqualTo(ExampleMessage.of("TOP"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenNulByte_thenNulReported() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {
                'D', 'A', 'D', 0x00, 'x',   // REF would stop at the NUL; we refuse the line (§2.1)
                '\n'}));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.NUL_BYTE);
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenBinaryGarbageWithLfs_thenEachLineMalformedThenGoodFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {
                (byte) 0xFF, (byte) 0xFE, 0x01, '\n',   // not UTF-8
                0x7F, ' ', '=', ';', '\n',               // UTF-8 but no grammar: empty parameter name
                'M', 'O', 'M', '\n'}));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(3);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.INVALID_UTF8);
        assertThat(((MalformedInput) out.get(1)).reason()).isEqualTo(ExampleCloseReason.SYNTAX);
        assertThat(out.get(2)).isEqualTo(ExampleMessage.of("MOM"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenMultiByteUtf8SplitAcrossWrites_thenDecodedWhole() {
        byte[] wire = "CMD a=✓\n".getBytes(StandardCharsets.UTF_8);
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(MAX));

        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 7));   // inside the 3-byte check mark
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 7, wire.length - 7));

        assertThat(drain(ch)).containsExactly(msg("", "", "", "", "CMD", "a", "✓"));
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenPartialLineGrows_thenHeldMemoryFollowsBytesReceivedAndIsReturnedOnClose() {
        PartialLineBudget budget = new PartialLineBudget(1024 * 1024);
        ExampleLineDecoder decoder = new ExampleLineDecoder(64 * 1024, budget);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);

        List<ByteBuf> reads = new ArrayList<>();
        int received = 0;
        for (int chunk : new int[] {10, 90, 900, 9000, 30000}) {
            ByteBuf read = utf8("x".repeat(chunk));
            reads.add(read);
            ch.writeInbound(read);
            received += chunk;
            // Capacity doubles at most: never below what was received, never twice above it (256 B floor).
            assertThat(decoder.heldBytes()).as("after %d bytes", received)
                    .isBetween(received, Math.max(256, 2 * received));
            assertThat(budget.held()).isEqualTo(decoder.heldBytes());
        }
        assertThat(reads).allSatisfy(read -> assertThat(read.refCnt()).as("received buffer released").isZero());

        assertThat(ch.finish()).isTrue();   // the truncated line is reported...
        assertThat(((MalformedInput) drain(ch).get(0)).reason()).isEqualTo(ExampleCloseReason.TRUNCATED);
        assertThat(budget.held()).isZero();   // ...and what it held is given back
        assertThat(decoder.heldBytes()).isZero();
    }

    @Test
    void decode_whenLineCompletes_thenPartialMemoryReturnedAtOnce() {
        PartialLineBudget budget = new PartialLineBudget(1024 * 1024);
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(64 * 1024, budget));

        ch.writeInbound(utf8("DAD a=" + "v".repeat(5000)));
        assertThat(budget.held()).isPositive();
        ch.writeInbound(utf8("v\nTO"));

        assertThat(drain(ch)).containsExactly(msg("", "", "", "", "DAD", "a", "v".repeat(5001)));
        assertThat(budget.held()).isEqualTo(256);   // only "TO" is pending now
        ch.writeInbound(utf8("P\n"));
        assertThat(drain(ch)).containsExactly(ExampleMessage.of("TOP"));
        assertThat(budget.held()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenBudgetExhausted_thenOverBudgetOnceAndRestOfLineDiscarded() {
        PartialLineBudget budget = new PartialLineBudget(1000);
        assertThat(budget.tryReserve(900)).isTrue();   // another connection holds most of it
        EmbeddedChannel ch = new EmbeddedChannel(new ExampleLineDecoder(64 * 1024, budget));

        ch.writeInbound(utf8("DAD a=" + "v".repeat(200)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((MalformedInput) out.get(0)).reason()).isEqualTo(ExampleCloseReason.OVER_BUDGET);
        assertThat(ExampleCloseReason.OVER_BUDGET.closes()).isTrue();
        assertThat(budget.held()).isEqualTo(900);

        ch.writeInbound(utf8("still the same line\nDAD\n"));
        assertThat(drain(ch)).containsExactly(ExampleMessage.of("DAD"));
        assertFalse(ch.finish());
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }
}
