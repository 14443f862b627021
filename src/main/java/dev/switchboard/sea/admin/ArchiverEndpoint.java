package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.archiver.ArchiverClient;
import dev.switchboard.sea.archiver.ArchiverStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/archiver}: the SEA archiver side channel's target, connection, queue and drops;
 * {@code POST} with {@code {"target":"tcp://host:port"}} switches the target (the reference's
 * "archiver address" signal) and {@code {"action":"reconnect"}} forces a reconnect.
 */
@Endpoint(id = "archiver")
public class ArchiverEndpoint {

    private final ArchiverClient archiver;
    private final AuditLog audit;

    public ArchiverEndpoint(ArchiverClient archiver, AuditLog audit) {
        this.archiver = archiver;
        this.audit = audit;
    }

    @ReadOperation
    public ArchiverStatus status() {
        return archiver.status();
    }

    @WriteOperation
    public WebEndpointResponse<Object> change(@Nullable String target, @Nullable String action) {
        if (target != null) {
            return audit.run("archiver.target", target, () -> {
                archiver.setTarget(target);
                return archiver.status();
            });
        }
        return audit.run("archiver." + action, "archiver", () -> {
            if (!"reconnect".equals(action)) {
                throw AdminException.badRequest("give a target (tcp://host:port or unix:/path) or action=reconnect");
            }
            archiver.reconnectNow();
            return archiver.status();
        });
    }
}
