package dev.switchboard.core.admin;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Credentials for the administrative Actuator endpoints (everything but health and prometheus).
 *
 * @param username the operator's user name
 * @param password the operator's password, plain or with a Spring Security encoding prefix such as
 *     {@code {bcrypt}…}; unset means no credentials work and every administrative call is refused, so
 *     a deployment that forgets to set it (env {@code SWITCHBOARD_ADMIN_PASSWORD}) is never open
 */
@Validated
@ConfigurationProperties("switchboard.admin")
public record AdminProperties(
        @DefaultValue("admin") @NotBlank String username,
        @DefaultValue("") String password) {

    public boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
