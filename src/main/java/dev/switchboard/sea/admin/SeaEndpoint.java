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
 * records to the archiver (the reference's dump signals).
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
            default -> audit.run("sea." + action, "sea", () -> {
                throw new IllegalArgumentException("unknown action " + action + " (alt-server, dump)");
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
