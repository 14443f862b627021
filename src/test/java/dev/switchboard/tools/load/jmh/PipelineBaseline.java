package dev.switchboard.tools.load.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * The {@link EmbeddedChannel} harness alone (a pass-through handler), so its share can be subtracted
 * from the decoder and encoder benchmarks that run inside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBaseline {

    private EmbeddedChannel channel;
    private ByteBuf buffer;

    @Setup(Level.Trial)
    public void setUp() {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        buffer = Unpooled.buffer(64).writeZero(64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        buffer.release();
    }

    @Benchmark
    public Object embeddedChannelInboundRoundTrip() {
        channel.writeInbound(buffer.retainedDuplicate());
        Object out = channel.readInbound();
        ReferenceCountUtil.release(out);
        return out;
    }
}
