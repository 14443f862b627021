package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.BanEntry;
import dev.switchboard.sea.service.SeaAdministration;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/bans}: the SEA ban list (checked when a connection is accepted). {@code POST} with
 * {@code {"address":"10.0.0.0/8","timeout":"2h"}} adds a ban ({@code "permanent":true} for no expiry;
 * no timeout means the default) and kills the sessions it covers; {@code {"defaultTimeout":"10m"}} sets
 * the default ban timeout; {@code DELETE /actuator/bans/10.0.0.0/8} removes a ban.
 */
@Endpoint(id = "bans")
public class BansEndpoint {

    private final SeaAdministration sea;
    private final AuditLog audit;

    public BansEndpoint(SeaAdministration sea, AuditLog audit) {
        this.sea = sea;
        this.audit = audit;
    }

    /** A ban as operators see it; {@code expiresAt} null means permanent. */
    public record Ban(String address, String expiresAt, boolean permanent) {
        static Ban of(BanEntry entry) {
            return new Ban(entry.text(), entry.isPermanent() ? null : entry.expiresAt().toString(), entry.isPermanent());
        }
    }

    @ReadOperation
    public List<Ban> bans() {
        return sea.bans().stream().map(Ban::of).toList();
    }

    @WriteOperation
    public WebEndpointResponse<Object> change(@Nullable String address, @Nullable String timeout,
            @Nullable Boolean permanent, @Nullable String defaultTimeout) {
        if (defaultTimeout != null) {
            return audit.run("bans.default-timeout", defaultTimeout, () -> sea.updateSettings(
                    new SeaAdministration.SettingsChange(null, null, null, null, positive(defaultTimeout))).banTimeout());
        }
        return audit.run("bans.add", String.valueOf(address), () -> {
            if (address == null || address.isBlank()) {
                throw AdminException.badRequest("give an address (a.b.c.d or a.b.c.d/n) or a defaultTimeout");
            }
            if (Boolean.TRUE.equals(permanent) && timeout != null) {
                throw AdminException.badRequest("a ban is either permanent or has a timeout, not both");
            }
            Duration length = Boolean.TRUE.equals(permanent) ? null
                    : timeout != null ? positive(timeout) : sea.settings().banTimeout();
            return Ban.of(sea.ban(address, length, true));
        });
    }

    @DeleteOperation
    public WebEndpointResponse<Object> unban(@Selector(match = Selector.Match.ALL_REMAINING) String[] address) {
        String text = String.join("/", address);
        return audit.run("bans.remove", text, () -> {
            if (!sea.unban(text)) {
                throw AdminException.notFound("no ban for " + text);
            }
            return bans();
        });
    }

    static Duration positive(String text) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("not a duration (e.g. 90s, 10m, 2h): " + text);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(3650)) > 0) {
            throw AdminException.badRequest("a timeout must be between 1s and 3650d, was " + text);
        }
        return duration;
    }
}
