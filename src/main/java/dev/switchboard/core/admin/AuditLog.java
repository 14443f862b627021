package dev.switchboard.core.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *
 * <p>Values come from requests, so each is written in logfmt style: quoted when it holds a space,
 * {@code =} or {@code "}, with quotes, backslashes, control and other invisible characters escaped. A
 * value can therefore never end the line, forge another field, or put binary bytes in the log.
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

    /**
     * The JSON body of a refused request.
     *
     * @param field the request field at fault; left out when the error is not about one field
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdminError(int status, String error, String field) {

        public AdminError(int status, String error) {
            this(status, error, null);
        }

        /** The response carrying this error. */
        public WebEndpointResponse<Object> response() {
            return new WebEndpointResponse<>(this, status);
        }
    }

    public <T> WebEndpointResponse<Object> run(String action, String target, Supplier<T> operation) {
        try {
            T result = operation.get();
            record(action, target, "ok");
            return new WebEndpointResponse<>(result, 200);
        } catch (AdminException e) {
            record(action, target, (e.status() == 404 ? "not-found: " : "rejected: ") + e.getMessage());
            return new AdminError(e.status(), e.getMessage(), e.field()).response();
        } catch (IllegalArgumentException e) {
            record(action, target, "rejected: " + e.getMessage());
            return new AdminError(400, e.getMessage()).response();
        } catch (RuntimeException e) {
            record(action, target, "failed: " + e);
            throw e;
        }
    }

    public void record(String action, String target, String result) {
        String actor = actor();
        String through = channel.get();
        if (audit.isInfoEnabled()) {
            audit.info("actor={} action={} target={} result={}{}", value(actor), value(action), value(target),
                    value(result), through == null ? "" : " via=" + value(through));
        }
        Entry entry = new Entry(Instant.now(), actor, action, target, result, through);
        listeners.forEach(listener -> listener.audited(entry));
    }

    /**
     * {@code text} as one logfmt value: as is when it is plain, otherwise quoted with {@code \"} and
     * {@code \\}, and every character that is not visible (controls, line and paragraph separators,
     * format characters such as U+202E, unassigned and private-use code points) as {@code \\uXXXX}.
     */
    static String value(String text) {
        if (text == null) {
            return "null";
        }
        if (text.isEmpty()) {
            return "\"\"";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
                quote = true;
            } else if (c == ' ' || c == '=') {
                escaped.append(c);
                quote = true;
            } else if (invisible(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
                quote = true;
            } else {
                escaped.append(c);
            }
        }
        return quote ? "\"" + escaped + "\"" : escaped.toString();
    }

    private static boolean invisible(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> c != ' ';
            default -> false;
        };
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null ? authentication.getName() : "system";
    }
}
