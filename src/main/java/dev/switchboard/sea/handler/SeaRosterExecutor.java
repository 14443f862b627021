package dev.switchboard.sea.handler;

import dev.switchboard.core.netty.EventLoopGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.TimeUnit;

/**
 * The single thread on which every SEA connection does its I/O and its protocol stages, and the SEA
 * service runs: one event loop of the gateway's transport that only SEA uses. One thread is the
 * deliberate concurrency design: it gives the global event order of spec §4.5 without locks, and it
 * applies requests in the order they were read across connections (the loop reads ready sockets in
 * the order the kernel reports them ready), exactly like the single-threaded reference. SEA's
 * LAN-sized load fits one core easily.
 */
public final class SeaRosterExecutor implements DisposableBean {

    private final EventLoopGroup group;
    private final EventLoop executor;

    public SeaRosterExecutor(EventLoopGroups groups) {
        this.group = groups.newGroup(1, "sea-roster");
        this.executor = group.next();
    }

    /** The roster thread's loop, for tasks and timers. */
    public EventLoop executor() {
        return executor;
    }

    /** The group the SEA listener registers its connections with. */
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void destroy() throws InterruptedException {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
