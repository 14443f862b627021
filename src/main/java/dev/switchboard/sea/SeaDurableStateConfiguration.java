package dev.switchboard.sea;

import dev.switchboard.cluster.Backplane;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.sea.handler.SeaRosterExecutor;
import dev.switchboard.sea.service.SeaService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps the SEA operator state in the cluster's durable store ({@link SeaDurableState}). */
@Configuration(proxyBeanMethods = false)
public class SeaDurableStateConfiguration {

    @Bean
    SeaDurableState seaDurableState(Backplane backplane, SeaService service, SeaRosterExecutor roster, AuditLog audit,
                                    Clock clock) {
        return new SeaDurableState(backplane.store(), backplane, backplane, service, roster.executor(), audit, clock);
    }
}
