package dev.switchboard.sea.handler;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.TimeUnit;

/**
 * The single thread on which every SEA connection's protocol stages and the SEA service run. One
 * thread is the deliberate concurrency design: it gives the global event order of spec §4.5 without
 * locks, exactly like the single-threaded reference, and SEA's LAN-sized load fits one core easily.
 * Byte I/O stays on the core's event loops.
 */
public final class SeaRosterExecutor implements DisposableBean {

    private final EventExecutor executor = new DefaultEventExecutor(new DefaultThreadFactory("sea-roster", true));

    public EventExecutor executor() {
        return executor;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
