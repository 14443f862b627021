package dev.switchboard.sea.archiver;


import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.timeout.TimeoutSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the SEA archiver client onto the core's event loops; the SEA service injects {@link ArchiverClient}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiverProperties.class)
public class ArchiverConfiguration {

    @Bean
    ArchiverMetrics archiverMetrics(MeterRegistry registry) {
        return new MicrometerArchiverMetrics(registry);
    }

    @Bean
    ArchiverLifecycle archiverLifecycle(ArchiverProperties properties, EventLoopGroups groups,
            TimeoutSweeper sweeper, Clock clock, ArchiverMetrics metrics) {
        // The executor is deliberately not a bean: an executor bean would replace Boot's default task
        // executor. The lifecycle owns it and shuts it down after stopping the client.
        ExecutorService executor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("sea-archiver", true));
        ArchiverClient client = new ArchiverClient(properties, ArchiverTransport.of(groups), executor, sweeper,
                clock, metrics);
        return new ArchiverLifecycle(client, executor);
    }

    @Bean
    ArchiverClient archiverClient(ArchiverLifecycle lifecycle) {
        return lifecycle.client();
    }
}
