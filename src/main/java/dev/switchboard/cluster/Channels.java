package dev.switchboard.cluster;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared rules of the engines: channel names and the backplane's threads. */
final class Channels {

    static final Logger log = LoggerFactory.getLogger("dev.switchboard.cluster");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private Channels() {
    }

    static void check(String channel) {
        if (channel == null || !NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel name must be 1 to 100 letters, digits, '.', '_' or '-': "
                    + channel);
        }
    }

    /** Daemon threads named {@code <name>-<n>}, so a backplane thread never holds the JVM open. */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
