package dev.switchboard.sea.archiver;

import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the archiver client before the listeners accept anyone and stops it after they have drained,
 * so messages relayed during the drain are still archived (spec §15: flush and close the archiver last).
 * Owns the client's single-threaded executor.
 */
public final class ArchiverLifecycle implements SmartLifecycle, DisposableBean {

    /** Below the listeners' {@link SmartLifecycle#DEFAULT_PHASE}: started before them, stopped after them. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final ArchiverClient client;
    private final ExecutorService executor;
    private volatile boolean running;

    public ArchiverLifecycle(ArchiverClient client, ExecutorService executor) {
        this.client = client;
        this.executor = executor;
    }

    /** The client this lifecycle starts and stops. */
    public ArchiverClient client() {
        return client;
    }

    @Override
    public void start() {
        client.start();
        running = true;
    }

    @Override
    public void stop() {
        try {
            client.stop();
        } finally {
            running = false;
        }
    }

    /** The executor outlives stop/start cycles and ends with the context. */
    @Override
    public void destroy() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
