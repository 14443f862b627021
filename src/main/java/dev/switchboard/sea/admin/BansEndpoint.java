package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.service.BanEntry;
import dev.switchboard.sea.service.Ipv4Cidr;
import dev.switchboard.sea.service.SeaAdministration;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/bans}: the SEA ban list (checked when a connection is accepted). {@code POST} with
 * {@code {"address":"10.0.0.0/8","timeout":"2h"}} adds a ban ({@code "permanent":true} for no expiry;
 * no timeout means the default) and kills the sessions it covers; a range that covers every address
 * (prefix length 0, such as {@code 0.0.0.0/0}) also needs {@code "confirm":true}.
 * {@code {"defaultTimeout":"10m"}} sets the default ban timeout; {@code DELETE /actuator/bans/10.0.0.0/8}
 * removes a ban. Timeouts need a unit: {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d} or ISO-8601
 * ({@code PT2H}), between 1 s and 3650 d.
 */
@Endpoint(id = "bans")
public class BansEndpoint {

    /** Longest ban or default ban timeout. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(3650);
    /** A number with one of the units an operator means for a ban (no ms/us/ns: a ban is at least 1 s). */
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,10})([smhd])");

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
            @Nullable Boolean permanent, @Nullable String defaultTimeout, @Nullable Boolean confirm) {
        if (defaultTimeout != null) {
            return audit.run("bans.default-timeout", defaultTimeout, () -> {
                if (address != null || timeout != null || permanent != null || confirm != null) {
                    throw AdminException.badField("defaultTimeout",
                            "defaultTimeout is set alone, without address, timeout, permanent or confirm");
                }
                return sea.updateSettings(new SeaAdministration.SettingsChange(null, null, null, null,
                        timeout("defaultTimeout", defaultTimeout))).banTimeout();
            });
        }
        return audit.run("bans.add", String.valueOf(address), () -> {
            if (address == null || address.isBlank()) {
                throw AdminException.badField("address", "give an address (a.b.c.d or a.b.c.d/n) or a defaultTimeout");
            }
            if (Boolean.TRUE.equals(permanent) && timeout != null) {
                throw AdminException.badField("timeout", "a ban is either permanent or has a timeout, not both");
            }
            Ipv4Cidr block;
            try {
                block = Ipv4Cidr.parse(address.trim());
            } catch (IllegalArgumentException e) {
                throw AdminException.badField("address", e.getMessage());
            }
            if (block.prefixLength() == 0 && !Boolean.TRUE.equals(confirm)) {
                throw AdminException.badField("confirm", address + " covers every address and would lock everybody"
                        + " out; send \"confirm\":true to ban it anyway");
            }
            Duration length = Boolean.TRUE.equals(permanent) ? null
                    : timeout != null ? timeout("timeout", timeout) : sea.settings().banTimeout();
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

    /**
     * A ban length: a number with a unit ({@code s}, {@code m}, {@code h}, {@code d}) or ISO-8601, 1 s to
     * 3650 d. A bare number is refused rather than guessed (a millisecond default once turned an hour into
     * 3.6 seconds).
     */
    static Duration timeout(String field, String text) {
        String trimmed = text.trim();
        Duration duration;
        try {
            var unit = WITH_UNIT.matcher(trimmed);
            if (unit.matches()) {
                long amount = Long.parseLong(unit.group(1));
                duration = switch (unit.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
                duration = Duration.parse(trimmed);
            } else {
                throw AdminException.badField(field, field + " needs a unit: \"90s\", \"10m\", \"2h\", \"7d\" or"
                        + " ISO-8601 such as \"PT2H\"; got " + text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw AdminException.badField(field, field + " is not a duration: " + text);
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_TIMEOUT) > 0) {
            throw AdminException.badField(field, field + " must be between 1s and 3650d, was " + text);
        }
        return duration;
    }
}
