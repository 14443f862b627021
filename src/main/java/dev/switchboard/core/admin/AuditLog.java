package dev.switchboard.core.admin;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One line per state-changing administrative action on the {@code switchboard.audit} logger: who,
 * what, on which target, and how it ended. Endpoints run each write operation through {@link #run},
 * which also turns an {@link AdminException} into its 4xx response with a clear message.
 */
public final class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("switchboard.audit");

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
        audit.info("actor={} action={} target={} result={}", actor(), action, target, result);
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null ? authentication.getName() : "system";
    }
}
