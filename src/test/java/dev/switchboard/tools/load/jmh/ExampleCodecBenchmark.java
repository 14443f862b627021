package dev.switchboard.tools.load.jmh;

import dev.switchboard.example.codec.ExampleLineDecoder;
import dev.switchboard.example.codec.ExampleMessageEncoder;
import dev.switchboard.example.codec.MessageParser;
import dev.switchboard.example.codec.MessageSerializer;
import dev.switchboard.example.codec.ParseResult;
import dev.switchboard.example.message.ExampleMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The example protocol's server codecs (example-protocol.md §2.1, §3.3, §3.4): the framing decoder
 * with parsing, the parser alone, the serializer alone, and the pipeline encoder. Decoder and
 * encoder run in an {@link EmbeddedChannel}; {@link PipelineBaseline} measures that harness alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExampleCodecBenchmark {

    /** A conversation line: the shortest and by far the most common input. */
    private static final String DAD = "DAD";
    /** A line with a routing prefix and a quoted, an escaped and a plain parameter (§3.3 steps 3–5). */
    private static final String RICH = "<host:ed_signal srv:svc/CMD msg=\"x;y\";path=a\\\\b;n=5";

    private EmbeddedChannel decoder;
    private EmbeddedChannel encoder;
    private ByteBuf dadLine;
    private ByteBuf richLine;
    private ExampleMessage unknownReply;

    @Setup(Level.Trial)
    public void setUp() {
        decoder = new EmbeddedChannel(new ExampleLineDecoder(1024 * 1024));
        encoder = new EmbeddedChannel(new ExampleMessageEncoder());
        dadLine = Unpooled.copiedBuffer(DAD + "\n", StandardCharsets.US_ASCII);
        richLine = Unpooled.copiedBuffer(RICH + "\n", StandardCharsets.US_ASCII);
        unknownReply = ExampleMessage.of("UNKNOWN", Map.of("command", "FOO"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
        dadLine.release();
        richLine.release();
    }

    @Benchmark
    public Object decodeConversationLine() {
        decoder.writeInbound(dadLine.retainedDuplicate());
        return decoder.readInbound();
    }

    @Benchmark
    public Object decodeRichLine() {
        decoder.writeInbound(richLine.retainedDuplicate());
        return decoder.readInbound();
    }

    @Benchmark
    public ParseResult parseRichLine() {
        return MessageParser.parse(RICH);
    }

    @Benchmark
    public String serializeUnknownReply() {
        return MessageSerializer.serialize(unknownReply);
    }

    @Benchmark
    public int encodeUnknownReply() {
        encoder.writeOutbound(unknownReply);
        ByteBuf out = encoder.readOutbound();
        int n = out.readableBytes();
        ReferenceCountUtil.release(out);
        return n;
    }
}
