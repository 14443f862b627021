package dev.switchboard.rooms;

import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.InboundMark;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.handler.RoomsBroadcast;
import dev.switchboard.rooms.handler.RoomsUpgrader;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.Rooms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.rooms.admin.RoomsEndpoint;
import dev.switchboard.rooms.admin.RoomsSessionDescriber;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The WebSocket rooms chat (rooms-protocol.md). It has no listener of its own: {@link RoomsUpgrader} is an
 * {@code UpgradeRoute} of the HTTP listeners ({@code http} on 8080 and {@code http-legacy} on 25021).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoomsProperties.class)
public class RoomsConfiguration {

    @Bean
    RoomsMetrics roomsMetrics(MeterRegistry registry) {
        return new MicrometerRoomsMetrics(registry);
    }

    @Bean
    MeterBinder roomsGauges(Rooms rooms) {
        return registry -> MicrometerRoomsMetrics.bindGauges(registry, rooms);
    }

    @Bean
    RoomsShutdown roomsShutdown(Rooms rooms) {
        return new RoomsShutdown(rooms);
    }

    @Bean
    RoomsEndpoint roomsEndpoint(Rooms rooms, AuditLog audit) {
        return new RoomsEndpoint(rooms, audit);
    }

    @Bean
    RoomsSessionDescriber roomsSessionDescriber(Rooms rooms) {
        return new RoomsSessionDescriber(rooms);
    }

    @Bean
    Rooms rooms(RoomsProperties properties) {
        return new Rooms(properties.limits());
    }

    @Bean
    RoomsUpgrader roomsUpgradeRoute(RoomsProperties properties, ConnectionSlots slots, Rooms rooms,
            RoomsMetrics metrics, Disconnector disconnector, TimeoutSweeper sweeper, Clock clock,
            MeterRegistry registry, InboundMark mark) {
        RoomsBroadcast broadcast = new RoomsBroadcast(ByteBufAllocator.DEFAULT, metrics,
                BroadcastMeter.register(registry, mark, RoomsUpgrader.PROTOCOL));
        // The slots are sized where the HTTP listeners' caps are known (RoomsConnectionLimit).
        return new RoomsUpgrader(properties, rooms, slots, metrics, disconnector, broadcast, sweeper, clock);
    }
}
