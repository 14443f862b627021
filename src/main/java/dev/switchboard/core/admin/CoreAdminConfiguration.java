package dev.switchboard.core.admin;

import dev.switchboard.core.listener.ListenerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Administration of the shared machinery: listeners endpoint and listener health. */
@Configuration(proxyBeanMethods = false)
public class CoreAdminConfiguration {

    @Bean
    ListenersEndpoint listenersEndpoint(ListenerRegistry registry, AuditLog audit) {
        return new ListenersEndpoint(registry, audit);
    }

    @Bean
    ListenersHealthIndicator listenersHealthIndicator(ListenerRegistry registry) {
        return new ListenersHealthIndicator(registry);
    }
}
