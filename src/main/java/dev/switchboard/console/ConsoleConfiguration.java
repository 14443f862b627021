package dev.switchboard.console;

import dev.switchboard.console.service.AuditRing;
import dev.switchboard.console.service.ConsoleOperations;
import dev.switchboard.console.service.ConsoleSnapshots;
import dev.switchboard.console.service.ConsoleSources;
import dev.switchboard.console.web.ActuatorConsoleSources;
import dev.switchboard.console.web.EndpointConsoleOperations;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.core.admin.ListenersEndpoint;
import dev.switchboard.core.admin.Sessions;
import dev.switchboard.core.admin.SessionsEndpoint;
import dev.switchboard.rooms.admin.RoomsEndpoint;
import dev.switchboard.sea.admin.BansEndpoint;
import dev.switchboard.sea.admin.BlacklistEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's data side, in the application context next to the services it reads: the audit ring
 * (registered with the audit log from the start), the snapshot builder and the command operations. Its
 * page and socket are served only by the management server ({@code web.ConsoleManagementContextConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.console.enabled", matchIfMissing = true)
public class ConsoleConfiguration {

    @Bean
    AuditRing consoleAuditRing(ConsoleProperties properties, AuditLog audit) {
        AuditRing ring = new AuditRing(properties.auditLines());
        audit.addListener(ring);
        return ring;
    }

    @Bean
    ConsoleSources consoleSources(ListenersEndpoint listeners, Sessions sessions, BansEndpoint bans,
            BlacklistEndpoint blacklist, RoomsEndpoint rooms, MeterRegistry meters) {
        return new ActuatorConsoleSources(listeners, sessions, bans, blacklist, rooms, meters);
    }

    @Bean
    ConsoleSnapshots consoleSnapshots(ConsoleSources sources, AuditRing ring, Clock clock,
            ConsoleProperties properties) {
        return new ConsoleSnapshots(sources, ring, clock, properties.sessionRows(), properties.listRows());
    }

    @Bean
    ConsoleOperations consoleOperations(SessionsEndpoint sessionsEndpoint, Sessions sessions, RoomsEndpoint rooms,
            BansEndpoint bans, BlacklistEndpoint blacklist, ListenersEndpoint listeners) {
        return new EndpointConsoleOperations(sessionsEndpoint, sessions, rooms, bans, blacklist, listeners);
    }
}
