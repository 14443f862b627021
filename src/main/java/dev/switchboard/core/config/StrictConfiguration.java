package dev.switchboard.core.config;

import dev.switchboard.core.listener.ListenerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** Startup checks that refuse configuration the gateway would otherwise ignore or trip over later. */
@Configuration(proxyBeanMethods = false)
public class StrictConfiguration {

    @Bean
    static UnknownKeysCheck unknownKeysCheck(ConfigurableEnvironment environment) {
        return new UnknownKeysCheck(environment);
    }

    @Bean
    ListenerAddressCheck listenerAddressCheck(ListenerRegistry registry) {
        return new ListenerAddressCheck(registry);
    }
}
