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
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/blacklist}: SEA name patterns (case-insensitive globs) refused at login and rename.
 * {@code POST {"pattern":"*evil*"}} adds one and kills the live users it matches, as the reference did;
 * {@code DELETE /actuator/blacklist/{pattern}} (the pattern percent-encoded as one path segment) removes it.
 *
 * <p>Only patterns that DELETE can name again are accepted: no {@code / \ ; %}, no {@code ..}, not
 * {@code .} alone, and no control or invisible characters (the management port's URL rules refuse
 * those). A pattern that matches every name (see {@link #matchesEveryone}) needs {@code "confirm":true}.
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
    public WebEndpointResponse<Object> add(String pattern, @Nullable Boolean confirm) {
        return audit.run("blacklist.add", pattern, () -> {
            String refusal = unremovable(pattern);
            if (refusal != null) {
                throw AdminException.badField("pattern", refusal);
            }
            if (matchesEveryone(pattern) && !Boolean.TRUE.equals(confirm)) {
                throw AdminException.badField("confirm", "pattern " + pattern + " matches every name and would lock"
                        + " everybody out; send \"confirm\":true to add it anyway");
            }
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

    /**
     * Why {@code DELETE /actuator/blacklist/{pattern}} could not name this pattern, or null when it can:
     * the URL firewall refuses {@code \ ; %}, encoded or not, and control characters; {@code /} splits
     * the path and {@code .}/{@code ..} segments are normalised away.
     */
    static String unremovable(String pattern) {
        if (pattern.isBlank()) {
            return "pattern must not be blank";
        }
        if (pattern.equals(".") || pattern.contains("..")) {
            return "pattern must not be \".\" or contain \"..\" (it could not be removed through the URL)";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '/' || c == '\\' || c == ';' || c == '%') {
                return "pattern must not contain " + c + " (it could not be removed through the URL);"
                        + " use ? or [...] for that character";
            }
            if (!visible(c)) {
                return String.format("pattern must not contain the invisible character U+%04X", (int) c);
            }
        }
        if (!pattern.equals(pattern.strip())) {
            return "pattern must not start or end with whitespace";
        }
        return null;
    }

    private static boolean visible(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> c == ' ' || Character.getType(c) != Character.SPACE_SEPARATOR;
        };
    }

    /**
     * Whether the pattern matches every name: it is made only of {@code *} and {@code ?}, with at least one
     * {@code *} and at most one {@code ?} ({@code *}, {@code **}, {@code ?*}, {@code *?*}); names are 1 to
     * 255 bytes, so such a pattern matches all of them. Bracket sets are not considered.
     */
    static boolean matchesEveryone(String pattern) {
        int stars = 0;
        int marks = 0;
        for (int i = 0; i < pattern.length(); i++) {
            switch (pattern.charAt(i)) {
                case '*' -> stars++;
                case '?' -> marks++;
                default -> {
                    return false;
                }
            }
        }
        return stars > 0 && marks <= 1;
    }
}
