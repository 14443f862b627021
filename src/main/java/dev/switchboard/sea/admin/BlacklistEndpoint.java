package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.SeaAdministration;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/blacklist}: SEA name patterns (case-insensitive globs) refused at login and rename.
 * {@code POST {"pattern":"*evil*"}} adds one and kills the live users it matches, as the reference did;
 * {@code DELETE /actuator/blacklist/{pattern}} removes it.
 */
@Endpoint(id = "blacklist")
public class BlacklistEndpoint {

    private final SeaAdministration sea;
    private final AuditLog audit;

    public BlacklistEndpoint(SeaAdministration sea, AuditLog audit) {
        this.sea = sea;
        this.audit = audit;
    }

    /** The outcome of adding a pattern: the users it killed. */
    public record Added(String pattern, boolean added, List<String> killed) {
    }

    @ReadOperation
    public List<String> patterns() {
        return sea.blacklist();
    }

    @WriteOperation
    public WebEndpointResponse<Object> add(String pattern) {
        return audit.run("blacklist.add", pattern, () -> {
            var result = sea.addBlacklistPattern(pattern);
            return new Added(pattern, result.patternAdded(),
                    result.killed().stream().map(s -> s.id() + " " + s.username()).toList());
        });
    }

    @DeleteOperation
    public WebEndpointResponse<Object> remove(@Selector(match = Selector.Match.ALL_REMAINING) String[] pattern) {
        String text = String.join("/", pattern);
        return audit.run("blacklist.remove", text, () -> {
            if (!sea.removeBlacklistPattern(text)) {
                throw AdminException.notFound("no blacklist pattern " + text);
            }
            return sea.blacklist();
        });
    }
}
