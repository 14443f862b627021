package dev.switchboard.core.admin;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/sessions?protocol=&address=&name=}: connected sessions of every protocol;
 * {@code /actuator/sessions/{id}}: one session's dump (the reference's per-user dump);
 * {@code DELETE /actuator/sessions/{id}?ban=true}: kill it, optionally banning its address (the
 * reference's kill signal).
 */
@Endpoint(id = "sessions")
public class SessionsEndpoint {

    private final Sessions sessions;
    private final AuditLog audit;

    public SessionsEndpoint(Sessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @ReadOperation
    public WebEndpointResponse<Object> sessions(@Nullable String protocol, @Nullable String address,
            @Nullable String name) {
        try {
            return new WebEndpointResponse<>(sessions.list(protocol, address, name), 200);
        } catch (AdminException e) {
            return new AuditLog.AdminError(e.status(), e.getMessage(), e.field()).response();
        }
    }

    @ReadOperation
    public WebEndpointResponse<Object> session(@Selector String id) {
        return sessions.find(id).<WebEndpointResponse<Object>>map(s -> new WebEndpointResponse<>(s, 200))
                .orElseGet(() -> new AuditLog.AdminError(404, "no session " + id).response());
    }

    @DeleteOperation
    public WebEndpointResponse<Object> kill(@Selector String id, @Nullable Boolean ban) {
        boolean banning = Boolean.TRUE.equals(ban);
        return audit.run(banning ? "session.kill+ban" : "session.kill", id,
                () -> sessions.kill(id, banning, "killed by operator"));
    }
}
