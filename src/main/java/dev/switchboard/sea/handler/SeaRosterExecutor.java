package dev.switchboard.sea.handler;

import dev.switchboard.core.netty.EventLoopGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single thread that runs the SEA service: the roster, admission, delivery and every SEA timer. One thread
 * is the deliberate design: it gives the global event order of spec §4.5 without locks. It does no I/O: the SEA
 * I/O loops frame, parse and hold input, and hand the service typed requests in the order they decoded them.
 *
 * <p>Tasks given to {@link #execute} and {@link #schedule} are timed, so the thread's utilisation is visible
 * ({@link #busyNanos}): the one SEA stage that cannot be spread over cores.
 */
public final class SeaRosterExecutor implements Executor, DisposableBean {

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final LongAdder busyNanos = new LongAdder();

    public SeaRosterExecutor(EventLoopGroups groups) {
        this.group = groups.newGroup(1, "sea-roster");
        this.loop = group.next();
    }

    /** The roster thread's loop, for callers that only need to know whether they run on it. */
    public EventLoop executor() {
        return loop;
    }

    /** Runs {@code task} on the roster thread, timed. */
    @Override
    public void execute(Runnable task) {
        loop.execute(() -> timed(task));
    }

    /** Runs {@code task} on the roster thread after {@code delay}, timed. */
    public void schedule(Runnable task, long delay, TimeUnit unit) {
        loop.schedule(() -> timed(task), delay, unit);
    }

    private void timed(Runnable task) {
        long started = System.nanoTime();
        try {
            task.run();
        } finally {
            busyNanos.add(System.nanoTime() - started);
        }
    }

    /** Nanoseconds the roster thread has spent running SEA tasks since start. */
    public long busyNanos() {
        return busyNanos.sum();
    }

    /** Tasks waiting for the roster thread. */
    public int backlog() {
        return loop instanceof SingleThreadEventExecutor single ? single.pendingTasks() : 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
