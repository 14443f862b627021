package dev.switchboard.core.metrics;

import dev.switchboard.core.netty.EventLoopGroups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;

/** Binds Micrometer's Netty meters once: pending tasks per event loop and the pooled allocator's memory. */
public final class NettyMetricsBinder implements MeterBinder {

    private final EventLoopGroups groups;

    public NettyMetricsBinder(EventLoopGroups groups) {
        this.groups = groups;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        new NettyEventExecutorMetrics(groups.workers()).bindTo(registry);
        new NettyEventExecutorMetrics(groups.boss()).bindTo(registry);
        new NettyAllocatorMetrics((ByteBufAllocatorMetricProvider) PooledByteBufAllocator.DEFAULT).bindTo(registry);
    }
}
