package dev.switchboard.sea.handler;

import dev.switchboard.core.netty.EventLoopGroups;
import io.netty.channel.EventLoopGroup;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.TimeUnit;

/**
 * The event loops SEA connections are registered with: they read, frame, parse and hold SEA input and write SEA
 * output, apart from the roster thread ({@link SeaRosterExecutor}) and from the other protocols' loops. One loop
 * by default: the service applies requests of different connections in the order they were decoded, and only
 * one loop decodes them in the order the kernel reported the sockets readable, as the single-threaded
 * reference does. More loops spread framing and writing over cores, at the price of that cross-connection order.
 */
public final class SeaIoLoops implements DisposableBean {

    private final EventLoopGroup group;

    public SeaIoLoops(EventLoopGroups groups, int threads) {
        this.group = groups.newGroup(threads, "sea-io");
    }

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void destroy() throws InterruptedException {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
