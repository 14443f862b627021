package dev.switchboard.core.admin;

import dev.switchboard.core.listener.ListenerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Administration of the shared machinery: listeners endpoint and listener health. */
@Configuration(proxyBeanMethods = false)
public class CoreAdminConfiguration {

    @Bean
    AuditLog auditLog() {
        return new AuditLog();
    }

    @Bean
    AdminRequestGuard adminRequestGuard(AuditLog audit, ObjectProvider<AdminFieldHint> hints) {
        return new AdminRequestGuard(audit, hints.orderedStream().toList());
    }

    @Bean
    AdminBodyErrors adminBodyErrors(AuditLog audit) {
        return new AdminBodyErrors(audit);
    }

    @Bean
    ListenersEndpoint listenersEndpoint(ListenerRegistry registry, AuditLog audit,
            ObjectProvider<ListenerGroup> groups) {
        return new ListenersEndpoint(registry, audit, groups.orderedStream().toList());
    }

    @Bean
    Sessions sessions(ListenerRegistry registry, ObjectProvider<SessionDescriber> describers) {
        return new Sessions(registry, describers.orderedStream().toList());
    }

    @Bean
    SessionsEndpoint sessionsEndpoint(Sessions sessions, AuditLog audit) {
        return new SessionsEndpoint(sessions, audit);
    }

    @Bean
    ListenersHealthIndicator listenersHealthIndicator(ListenerRegistry registry) {
        return new ListenersHealthIndicator(registry);
    }
}
