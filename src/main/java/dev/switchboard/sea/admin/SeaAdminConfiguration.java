package dev.switchboard.sea.admin;

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

    @Bean
    ArchiverEndpoint archiverEndpoint(ArchiverClient client, AuditLog audit) {
        return new ArchiverEndpoint(client, audit);
    }

    @Bean
    ArchiverHealthIndicator archiverHealthIndicator(ArchiverClient client, ArchiverProperties properties) {
        return new ArchiverHealthIndicator(client, properties.required());
    }
}
