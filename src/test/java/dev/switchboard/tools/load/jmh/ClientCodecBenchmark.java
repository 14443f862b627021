package dev.switchboard.tools.load.jmh;

import dev.switchboard.tools.codec.sea.SeaServerDecoder;
import dev.switchboard.tools.load.Stamp;
import dev.switchboard.tools.load.rooms.RoomsClientProtocol;
import dev.switchboard.tools.load.sea.SeaClientProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
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
 * The load driver's own client codecs: their cost is load-driver overhead that shares the machine's
 * two cores with the gateway in every scenario, so it is worth knowing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientCodecBenchmark {

    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EmbeddedChannel seaDecoder;
    private ByteBuf seaMessage;

    @Setup(Level.Trial)
    public void setUp() {
        seaDecoder = new EmbeddedChannel(new SeaServerDecoder(1 << 20, 0));
        // One classic #4 MESSAGE (§9.3) with a 64-byte stamped text.
        ByteBuf text = Unpooled.buffer();
        Stamp.write(text, 7, 123456789012L, 64);
        seaMessage = Unpooled.buffer().writeByte(4).writeShort(9).writeByte(0).writeByte(0).writeByte(0)
                .writeShort(text.readableBytes()).writeBytes(text).writeByte(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        seaDecoder.finishAndReleaseAll();
        seaMessage.release();
    }

    @Benchmark
    public Object seaClientDecodeMessage() {
        seaDecoder.writeInbound(seaMessage.retainedDuplicate());
        Object decoded = seaDecoder.readInbound();
        ReferenceCountUtil.release(decoded);
        return decoded;
    }

    @Benchmark
    public int seaClientEncodeSendMessage() {
        ByteBuf frame = SeaClientProtocol.stampedMessage(alloc, 0, 7, 123456789012L, 64);
        int n = frame.readableBytes();
        frame.release();
        return n;
    }

    @Benchmark
    public int roomsClientEncodeNewMessage() {
        ByteBuf packet = RoomsClientProtocol.stampedMessage(alloc, 0x1003, 7, 123456789012L, 64);
        int n = packet.readableBytes();
        packet.release();
        return n;
    }

    @Benchmark
    public Stamp stampRead() {
        return Stamp.read(seaMessage, 8, seaMessage.readableBytes() - 9);
    }
}
