package dev.switchboard.bridge;

import dev.switchboard.bridge.service.BridgeMetrics;
import dev.switchboard.bridge.service.BridgeService;
import dev.switchboard.bridge.service.SeaCharsetText;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsIntake;
import dev.switchboard.sea.handler.SeaRosterExecutor;
import dev.switchboard.sea.service.SeaService;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge between the SEA group and one room, when {@code switchboard.bridge.enabled} is true. It sits above
 * both protocol packages because it is the one feature that joins them; neither protocol knows it exists beyond
 * the observer each offers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BridgeProperties.class)
public class BridgeConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("switchboard.bridge.enabled")
    static class Enabled {

        @Bean
        BridgeMetrics bridgeMetrics(MeterRegistry registry) {
            return new MicrometerBridgeMetrics(registry);
        }

        @Bean(initMethod = "start")
        BridgeService bridgeService(BridgeProperties properties, RoomsProperties roomsProperties, SeaService sea,
                Rooms rooms, RoomsIntake intake, SeaRosterExecutor roster, BridgeMetrics metrics) {
            BridgeService.Settings settings = new BridgeService.Settings(properties.room(),
                    new SeaCharsetText(properties.seaCharset()), properties.webComputerName(),
                    properties.maxPiecesPerMessage(), roomsProperties.maxTextLength(), roomsProperties.nickMaxLength());
            return new BridgeService(sea, rooms, intake, roster.executor(), settings, metrics);
        }

        @Bean
        BridgeEndpoint bridgeEndpoint(BridgeService bridge, BridgeProperties properties, MeterRegistry registry) {
            return new BridgeEndpoint(bridge, properties, registry);
        }

    }

    /** Always present, so the readiness group can name it whether the bridge is on or off. */
    @Bean
    BridgeHealthIndicator bridgeHealthIndicator(ObjectProvider<BridgeService> bridge, BridgeProperties properties) {
        return new BridgeHealthIndicator(bridge.getIfAvailable(), properties);
    }
}
