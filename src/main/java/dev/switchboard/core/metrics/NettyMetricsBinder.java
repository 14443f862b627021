package dev.switchboard.core.metrics;

import dev.switchboard.core.netty.EventLoopGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.PlatformDependent;

/**
 * Netty's own state: tasks queued per event loop, the memory of the allocator every channel uses
 * ({@link ByteBufAllocator#DEFAULT}, adaptive in Netty 4.2), and the direct memory Netty has reserved
 * against its cap. The JVM's {@code jvm_buffer_*} meters cover direct buffers allocated outside Netty.
 */
public final class NettyMetricsBinder implements MeterBinder {

    /** Tasks waiting in one event loop's queue (gauge; tags group = boss|workers, loop = index). */
    public static final String EVENT_LOOP_PENDING = "switchboard.netty.event.loop.pending.tasks";
    /** Memory held by the channel allocator (gauge, bytes; tag memory = heap|direct). */
    public static final String ALLOCATOR_USED = "switchboard.netty.allocator.used";
    /** Direct memory Netty has reserved (gauge, bytes); absent when Netty does not count it. */
    public static final String DIRECT_USED = "switchboard.netty.direct.memory.used";
    /** The most direct memory Netty may reserve (gauge, bytes). */
    public static final String DIRECT_MAX = "switchboard.netty.direct.memory.max";

    private final EventLoopGroups groups;
    private final ByteBufAllocator allocator;

    public NettyMetricsBinder(EventLoopGroups groups) {
        this(groups, ByteBufAllocator.DEFAULT);
    }

    NettyMetricsBinder(EventLoopGroups groups, ByteBufAllocator allocator) {
        this.groups = groups;
        this.allocator = allocator;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindLoops(registry, "boss", groups.boss());
        bindLoops(registry, "workers", groups.workers());
        if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            Gauge.builder(ALLOCATOR_USED, metric, ByteBufAllocatorMetric::usedHeapMemory).baseUnit("bytes")
                    .tag(GatewayMeters.Tags.MEMORY, "heap").description("Memory held by Netty's channel allocator")
                    .register(registry);
            Gauge.builder(ALLOCATOR_USED, metric, ByteBufAllocatorMetric::usedDirectMemory).baseUnit("bytes")
                    .tag(GatewayMeters.Tags.MEMORY, "direct").description("Memory held by Netty's channel allocator")
                    .register(registry);
        }
        // -1 means Netty leaves direct buffers to the JVM's cleaner: jvm_buffer_memory_used_bytes counts them.
        if (PlatformDependent.usedDirectMemory() >= 0) {
            Gauge.builder(DIRECT_USED, PlatformDependent::usedDirectMemory).baseUnit("bytes")
                    .description("Direct memory Netty has reserved").strongReference(true).register(registry);
        }
        Gauge.builder(DIRECT_MAX, PlatformDependent::maxDirectMemory).baseUnit("bytes")
                .description("The most direct memory Netty may reserve").strongReference(true).register(registry);
    }

    private static void bindLoops(MeterRegistry registry, String group, EventLoopGroup loops) {
        int index = 0;
        for (EventExecutor executor : loops) {
            if (executor instanceof SingleThreadEventExecutor loop) {
                Gauge.builder(EVENT_LOOP_PENDING, loop, SingleThreadEventExecutor::pendingTasks)
                        .tag(GatewayMeters.Tags.GROUP, group).tag(GatewayMeters.Tags.LOOP, Integer.toString(index))
                        .description("Tasks waiting in a Netty event loop's queue").register(registry);
            }
            index++;
        }
    }
}
