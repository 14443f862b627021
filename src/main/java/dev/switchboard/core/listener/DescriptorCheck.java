package dev.switchboard.core.listener;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the listeners' connection caps with the process's file-descriptor limit at startup: every
 * connection is a descriptor, and when they run out the management port cannot accept either.
 */
final class DescriptorCheck {

    private static final Logger log = LoggerFactory.getLogger(DescriptorCheck.class);

    private DescriptorCheck() {
    }

    /** The process's descriptor limit, or -1 where the platform does not tell. */
    static long processLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    /**
     * Logs one WARN when the enabled stream listeners' caps plus {@code reserve} exceed {@code limit}.
     *
     * @return true if the caps fit (or the limit is unknown)
     */
    static boolean warnIfOvercommitted(List<ListenerDefinition> definitions, int reserve, long limit) {
        long caps = definitions.stream()
                .filter(d -> d.properties().enabled() && d.properties().transport() != Transport.UDP)
                .mapToLong(d -> d.properties().maxConnections())
                .sum();
        if (limit < 0 || caps + reserve <= limit) {
            return true;
        }
        log.warn("The listeners may hold {} connections and {} descriptors are kept in reserve, but the process may"
                + " open only {} files: lower switchboard.*.max-connections or raise the limit (ulimit -n)",
                caps, reserve, limit);
        return false;
    }
}
