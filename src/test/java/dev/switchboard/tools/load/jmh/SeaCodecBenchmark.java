package dev.switchboard.tools.load.jmh;

import dev.switchboard.tools.load.Stamp;
import dev.switchboard.sea.codec.SeaCommandDecoder;
import dev.switchboard.sea.codec.SeaDecodeContext;
import dev.switchboard.sea.codec.SeaEncoding;
import dev.switchboard.sea.codec.SeaFrameDecoder;
import dev.switchboard.sea.codec.SeaServerEncoder;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SEA's server codecs on the delivery path: a #2 SEND_MESSAGE frame through the frame and command
 * decoders (sea-protocol.md §2.2, §5.3), and #4 MESSAGE encoded once and handed to recipients (§9.3,
 * §9.5) — per recipient, as a 100-member broadcast pays it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeaCodecBenchmark {

    private static final int RECIPIENTS = 100;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EmbeddedChannel decoder;
    private ByteBuf sendMessage;
    private SeaServerMessage.Message message;

    @Setup(Level.Trial)
    public void setUp() {
        SeaDecodeContext context = new SeaDecodeContext() {
            @Override
            public byte version() {
                return 0;
            }

            @Override
            public boolean strict() {
                return false;
            }
        };
        decoder = new EmbeddedChannel(new SeaFrameDecoder(() -> 0xFFFFFF), new SeaCommandDecoder(context));
        ByteBuf text = Unpooled.buffer();
        Stamp.write(text, 7, 123456789012L, 64);
        byte[] bytes = new byte[text.readableBytes()];
        text.readBytes(bytes);
        // L(BE24) 02 dst(BE16)=0 flags reserved msglen(BE16) text
        sendMessage = Unpooled.buffer().writeMedium(7 + bytes.length).writeByte(2).writeShort(0).writeByte(0)
                .writeByte(0).writeShort(bytes.length).writeBytes(bytes);
        message = new SeaServerMessage.Message(7, false, false, 0, SeaBytes.of(bytes), SeaBytes.EMPTY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.finishAndReleaseAll();
        sendMessage.release();
    }

    @Benchmark
    public Object decodeSendMessage() {
        decoder.writeInbound(sendMessage.retainedDuplicate());
        return decoder.readInbound();
    }

    @Benchmark
    public int encodeMessageOneRecipient() {
        try (SeaEncoding encoding = SeaServerEncoder.prepare(alloc, message)) {
            ByteBuf out = encoding.forRecipient((byte) 0);
            int n = out.readableBytes();
            out.release();
            return n;
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECIPIENTS)
    public int encodeMessagePerRecipientOf100() {
        int n = 0;
        try (SeaEncoding encoding = SeaServerEncoder.prepare(alloc, message)) {
            for (int i = 0; i < RECIPIENTS; i++) {
                ByteBuf out = encoding.forRecipient((byte) 0);
                n += out.readableBytes();
                out.release();
            }
        }
        return n;
    }
}
