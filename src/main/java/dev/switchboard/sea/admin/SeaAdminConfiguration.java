package dev.switchboard.sea.admin;

import dev.switchboard.core.admin.AdminFieldHint;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.archiver.ArchiverClient;
import dev.switchboard.sea.archiver.ArchiverProperties;
import dev.switchboard.sea.service.SeaAdministration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SEA operations on the management port: sessions, bans, blacklist, settings, archiver. */
@Configuration(proxyBeanMethods = false)
public class SeaAdminConfiguration {

    @Bean
    SeaSessionDescriber seaSessionDescriber(SeaAdministration sea) {
        return new SeaSessionDescriber(sea);
    }

    @Bean
    BansEndpoint bansEndpoint(SeaAdministration sea, AuditLog audit) {
        return new BansEndpoint(sea, audit);
    }

    @Bean
    BlacklistEndpoint blacklistEndpoint(SeaAdministration sea, AuditLog audit) {
        return new BlacklistEndpoint(sea, audit);
    }

    @Bean
    SeaEndpoint seaEndpoint(SeaAdministration sea, AuditLog audit) {
        return new SeaEndpoint(sea, audit);
    }

    /** Fields GET /actuator/sea shows that POST /actuator/sea does not change, and where they are changed. */
    @Bean
    AdminFieldHint seaBanTimeoutHint() {
        return new AdminFieldHint("sea", "banTimeout",
                "the default ban timeout is set with POST /actuator/bans {\"defaultTimeout\":\"10m\"}");
    }

    @Bean
    AdminFieldHint seaDefaultMaxPenaltyHint() {
        return new AdminFieldHint("sea", "defaultMaxPenaltySeconds", "send it as maxPenalty (seconds)");
    }

    @Bean
    AdminFieldHint seaArchiverHint() {
        return new AdminFieldHint("sea", "archiver",
                "the archiver target is set with POST /actuator/archiver {\"target\":\"tcp://host:port\"}");
    }

    @Bean
    AdminFieldHint seaLogLevelHint() {
        return new AdminFieldHint("sea", "logLevel",
                "the SEA log level is set with POST /actuator/loggers/dev.switchboard.sea {\"configuredLevel\":\"DEBUG\"}");
    }

    @Bean
    AdminFieldHint seaLoggedInHint() {
        return new AdminFieldHint("sea", "loggedIn", "it is a count, not a setting");
    }

    @Bean
    ArchiverEndpoint archiverEndpoint(ArchiverClient client, AuditLog audit) {
        return new ArchiverEndpoint(client, audit);
    }

    @Bean
    ArchiverHealthIndicator archiverHealthIndicator(ArchiverClient client, ArchiverProperties properties) {
        return new ArchiverHealthIndicator(client, properties.required());
    }
}
