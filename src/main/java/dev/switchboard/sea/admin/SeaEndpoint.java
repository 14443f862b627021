package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.ConnectionClass;
import dev.switchboard.sea.service.SeaAdministration;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/sea}: the SEA run-time settings and connection classes. {@code POST /actuator/sea}
 * with any of {@code strict}, {@code archiveUrl}, {@code floodThreshold}, {@code maxPenalty} (seconds)
 * changes them; {@code POST /actuator/sea/alt-server {"address":"10.1.2.3"}} sends every client the
 * alternate server (#13); {@code POST /actuator/sea/dump {"selector":"all"}} writes USERINFO/BANENTRY
 * records to the archiver (the reference's dump signals). {@code GET /actuator/sea/sessions} lists every session
 * with the cluster node that owns it, and {@code POST /actuator/sea/kill {"selector":"17"}} kills a session by
 * SEA ID whichever node owns it (that node closes the connection; every client gets DELETEUSER).
 */
@Endpoint(id = "sea")
public class SeaEndpoint {

    private final SeaAdministration sea;
    private final AuditLog audit;

    public SeaEndpoint(SeaAdministration sea, AuditLog audit) {
        this.sea = sea;
        this.audit = audit;
    }

    /** Settings plus the effective connection classes, fallback last. */
    public record Overview(SeaAdministration.Settings settings, List<ConnectionClass> connectionClasses) {
    }

    @ReadOperation
    public Overview overview() {
        return new Overview(sea.settings(), sea.connectionClasses());
    }

    /** {@code sessions}: every SEA session of the cluster, logged in (newest first) then logging in. */
    @ReadOperation
    public WebEndpointResponse<Object> detail(@Selector String what) {
        if (!"sessions".equals(what)) {
            return new WebEndpointResponse<>(java.util.Map.of("error", "unknown view " + what + " (sessions)"),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(sea.sessions());
    }

    @WriteOperation
    public WebEndpointResponse<Object> settings(@Nullable Boolean strict, @Nullable String archiveUrl,
            @Nullable Integer floodThreshold, @Nullable Integer maxPenalty) {
        String change = "strict=" + strict + " archiveUrl=" + archiveUrl + " floodThreshold=" + floodThreshold
                + " maxPenalty=" + maxPenalty;
        return audit.run("sea.settings", change, () -> {
            if (floodThreshold != null && (floodThreshold < 3 || floodThreshold > 1000)) {
                throw new IllegalArgumentException("floodThreshold must be between 3 and 1000");
            }
            if (maxPenalty != null && (maxPenalty < 10 || maxPenalty > 86_400)) {
                throw new IllegalArgumentException("maxPenalty must be between 10 and 86400 seconds");
            }
            return sea.updateSettings(
                    new SeaAdministration.SettingsChange(strict, archiveUrl, floodThreshold, maxPenalty, null));
        });
    }

    /** {@code alt-server} with {@code address}, or {@code dump} with {@code selector}. */
    @WriteOperation
    public WebEndpointResponse<Object> action(@Selector String action, @Nullable String address,
            @Nullable String selector) {
        return switch (action) {
            case "alt-server" -> audit.run("sea.alt-server", String.valueOf(address),
                    () -> new Notified(sea.broadcastAltServer(requireText(address, "address"))));
            case "dump" -> audit.run("sea.dump", String.valueOf(selector),
                    () -> new Notified(sea.dumpToArchiver(requireText(selector, "selector"))));
            case "kill" -> audit.run("sea.kill", String.valueOf(selector), () -> {
                String id = requireText(selector, "selector").trim();
                if (!id.matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("selector must be a SEA user ID: " + selector);
                }
                return new Notified(sea.kill(Integer.parseInt(id), false).killed().size());
            });
            default -> audit.run("sea." + action, "sea", () -> {
                throw new IllegalArgumentException("unknown action " + action + " (alt-server, dump, kill)");
            });
        };
    }

    /** How many clients or records an action reached. */
    public record Notified(int count) {
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
