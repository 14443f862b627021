package dev.switchboard.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster backplane chosen by {@code switchboard.cluster.engine}, with its health indicator,
 * endpoint, meters and {@code /actuator/info} section. The engine starts while the context is built,
 * before any listener binds, so durable state is loaded before the first connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean(destroyMethod = "close")
    Backplane clusterBackplane(ClusterProperties properties, Clock clock, MeterRegistry registry,
                               ApplicationEventPublisher events) {
        String nodeId = properties.effectiveNodeId();
        ClusterMetrics metrics = new MicrometerClusterMetrics(registry);
        Backplane backplane = create(properties, nodeId, clock, metrics, events::publishEvent);
        MicrometerClusterMetrics.bindGauges(registry, backplane);
        log.info("Cluster engine {}, node id {}, durable state in {}", backplane.engine(), nodeId,
                backplane.store().location());
        backplane.start();
        return backplane;
    }

    /** The engine {@code properties} ask for, not yet started. */
    static Backplane create(ClusterProperties properties, String nodeId, Clock clock, ClusterMetrics metrics,
                            Consumer<Object> events) {
        return switch (properties.engine()) {
            case LOCAL -> new LocalBackplane(nodeId, clock, new LocalFileStore(properties.dataDir()), metrics);
            case REDIS -> new RedisBackplane(nodeId, properties, clock, metrics, events);
        };
    }

    @Bean
    DurableStore clusterDurableStore(Backplane backplane) {
        return backplane.store();
    }

    @Bean
    ClusterHealthIndicator clusterHealthIndicator(Backplane backplane) {
        return new ClusterHealthIndicator(backplane);
    }

    @Bean
    ClusterEndpoint clusterEndpoint(Backplane backplane) {
        return new ClusterEndpoint(backplane);
    }

    @Bean
    InfoContributor clusterInfo(Backplane backplane) {
        return builder -> builder.withDetail("cluster", Map.of("engine", backplane.engine(),
                "nodeId", backplane.nodeId()));
    }
}
