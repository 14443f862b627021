package dev.switchboard.core.admin;

import java.util.List;
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
    public List<SessionDescriptor> sessions(@Nullable String protocol, @Nullable String address,
            @Nullable String name) {
        return sessions.list(protocol, address, name);
    }

    @ReadOperation
    public SessionDescriptor session(@Selector String id) {
        return sessions.find(id).orElse(null);
    }

    @DeleteOperation
    public WebEndpointResponse<Object> kill(@Selector String id, @Nullable Boolean ban) {
        boolean banning = Boolean.TRUE.equals(ban);
        return audit.run(banning ? "session.kill+ban" : "session.kill", id,
                () -> sessions.kill(id, banning, "killed by operator"));
    }
}
