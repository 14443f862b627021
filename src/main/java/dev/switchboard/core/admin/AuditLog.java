package dev.switchboard.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One line per state-changing administrative action on the {@code switchboard.audit} logger: who,
 * what, on which target, and how it ended. Endpoints run each write operation through {@link #run},
 * which also turns an {@link AdminException} into its 4xx response with a clear message. An action taken
 * through another channel than the REST API (the operator console) is run inside {@link #via}, which adds
 * a {@code via=<channel>} marker to the same line.
 */
public final class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("switchboard.audit");

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The channel the current thread's action came through; unset for the REST API. */
    private final ThreadLocal<String> channel = new ThreadLocal<>();

    /** One audit line as data, for listeners that keep or show recent lines. */
    public record Entry(Instant at, String actor, String action, String target, String result, String via) {
    }

    /** Receives every entry right after its line is written; called on the acting thread, must not block. */
    @FunctionalInterface
    public interface Listener {
        void audited(Entry entry);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Runs {@code work} with every line it writes marked {@code via=<through>}. */
    public <T> T via(String through, Supplier<T> work) {
        String outer = channel.get();
        channel.set(through);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                channel.remove();
            } else {
                channel.set(outer);
            }
        }
    }

    /** The JSON body of a refused request. */
    public record AdminError(int status, String error) {
    }

    public <T> WebEndpointResponse<Object> run(String action, String target, Supplier<T> operation) {
        try {
            T result = operation.get();
            record(action, target, "ok");
            return new WebEndpointResponse<>(result, 200);
        } catch (AdminException e) {
            record(action, target, (e.status() == 404 ? "not-found: " : "rejected: ") + e.getMessage());
            return new WebEndpointResponse<>(new AdminError(e.status(), e.getMessage()), e.status());
        } catch (IllegalArgumentException e) {
            record(action, target, "rejected: " + e.getMessage());
            return new WebEndpointResponse<>(new AdminError(400, e.getMessage()), 400);
        } catch (RuntimeException e) {
            record(action, target, "failed: " + e);
            throw e;
        }
    }

    public void record(String action, String target, String result) {
        String actor = actor();
        String through = channel.get();
        audit.info("actor={} action={} target={} result={}{}", actor, action, target, result,
                through == null ? "" : " via=" + through);
        Entry entry = new Entry(Instant.now(), actor, action, target, result, through);
        listeners.forEach(listener -> listener.audited(entry));
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null ? authentication.getName() : "system";
    }
}
