package dev.switchboard.tools.load.jmh;

import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.tools.load.rooms.RoomsClientProtocol;
import dev.switchboard.rooms.codec.TPacketDecoder;
import dev.switchboard.rooms.codec.TPacketEncoder;
import dev.switchboard.rooms.message.RoomsInbound;
import dev.switchboard.rooms.message.TPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
 * The rooms tPacket codecs (rooms-protocol.md §5) on the chat path: decoding a client's 64-byte
 * {@code _NEW_MSG} and encoding the relay every member receives.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoomsCodecBenchmark {

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final TPacketDecoder decoder = new TPacketDecoder(64 * 1024);
    private ByteBuf newMessage;
    private TPacket relay;

    @Setup(Level.Trial)
    public void setUp() {
        newMessage = RoomsClientProtocol.stampedMessage(alloc, 0x1003, 7, 123456789012L, 64);
        byte[] text = new byte[64];
        newMessage.getBytes(TPackets.HEADER, text);
        relay = TPacket.newMsg(0x1000, text);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        newMessage.release();
    }

    @Benchmark
    public RoomsInbound decodeNewMessage() {
        return decoder.decode(newMessage.duplicate());
    }

    @Benchmark
    public int encodeRelay() {
        ByteBuf out = TPacketEncoder.encode(alloc, relay);
        int n = out.readableBytes();
        out.release();
        return n;
    }
}
