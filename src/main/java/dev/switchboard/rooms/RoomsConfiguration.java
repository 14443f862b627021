package dev.switchboard.rooms;

import dev.switchboard.cluster.Backplane;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.cluster.ReplicatedLog;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.InboundMark;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.handler.RoomsBroadcast;
import dev.switchboard.rooms.cluster.ClusterRoomsIntake;
import dev.switchboard.rooms.cluster.RoomsReplica;
import dev.switchboard.rooms.handler.RoomsUpgrader;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsIntake;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.rooms.admin.RoomsEndpoint;
import dev.switchboard.rooms.admin.RoomsSessionDescriber;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The WebSocket rooms chat (rooms-protocol.md). It has no listener of its own: {@link RoomsUpgrader} is an
 * {@code UpgradeRoute} of the HTTP listeners ({@code http} on 8080 and {@code http-legacy} on 25021).
 * With {@code switchboard.cluster.engine=redis} the rooms state is replicated over the backplane's {@code rooms}
 * channel ({@link Cluster}); otherwise {@link Rooms} is its own intake, as on a single node.
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
    RoomsShutdown roomsShutdown(RoomsIntake intake) {
        return new RoomsShutdown(intake);
    }

    @Bean
    RoomsEndpoint roomsEndpoint(Rooms rooms, RoomsIntake intake, AuditLog audit) {
        return new RoomsEndpoint(rooms, intake, audit);
    }

    @Bean
    RoomsHealthIndicator roomsHealthIndicator(RoomsIntake intake, ClusterProperties cluster) {
        return new RoomsHealthIndicator(intake, cluster.engine().id());
    }

    @Bean
    RoomsSessionDescriber roomsSessionDescriber(Rooms rooms) {
        return new RoomsSessionDescriber(rooms);
    }

    @Bean
    Rooms rooms(RoomsProperties properties, Backplane backplane) {
        return new Rooms(properties.limits(), backplane.nodeId());
    }

    @Bean
    RoomsUpgrader roomsUpgradeRoute(RoomsProperties properties, ConnectionSlots slots, RoomsIntake intake,
            ObjectProvider<ClusterRoomsIntake> clustered, RoomsMetrics metrics, Disconnector disconnector,
            TimeoutSweeper sweeper, Clock clock, MeterRegistry registry, InboundMark mark) {
        RoomsBroadcast broadcast = new RoomsBroadcast(ByteBufAllocator.DEFAULT, metrics,
                BroadcastMeter.register(registry, mark, RoomsUpgrader.PROTOCOL));
        // The slots are sized where the HTTP listeners' caps are known (RoomsConnectionLimit).
        return new RoomsUpgrader(properties, intake, clustered.getIfAvailable() != null, slots, metrics, disconnector,
                broadcast, sweeper, clock);
    }

    /**
     * Rooms across the nodes of a {@code redis} cluster: one thread owns the whole rooms state and applies the
     * {@code rooms} channel's events to it in the channel's order; the intake submits on that channel.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "switchboard.cluster.engine", havingValue = "redis")
    static class Cluster {

        /** The replicated channel of the rooms state. */
        static final String CHANNEL = "rooms";

        @Bean(destroyMethod = "shutdownNow")
        ScheduledExecutorService roomsStateExecutor() {
            return Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "rooms-state");
                thread.setDaemon(true);
                return thread;
            });
        }

        @Bean
        RoomsReplica roomsReplica(Rooms rooms, Backplane backplane, Clock clock, RoomsProperties properties) {
            return new RoomsReplica(rooms, backplane.nodeId(), clock.millis(),
                    node -> backplane.nodes().stream().anyMatch(live -> live.id().equals(node)),
                    properties.dormantRoomRetention());
        }

        @Bean(destroyMethod = "close")
        ReplicatedLog roomsReplicatedLog(Backplane backplane, ScheduledExecutorService roomsStateExecutor,
                RoomsReplica replica) {
            return backplane.replicate(CHANNEL, roomsStateExecutor, replica);
        }

        /** The intake everything else is given on a cluster; {@link Rooms}, also an intake, is the local one. */
        @Bean
        @Primary
        ClusterRoomsIntake clusterRoomsIntake(Rooms rooms, RoomsReplica replica, ReplicatedLog roomsReplicatedLog,
                ScheduledExecutorService roomsStateExecutor, Backplane backplane) {
            ClusterRoomsIntake intake = new ClusterRoomsIntake(rooms, replica, roomsStateExecutor, backplane.nodeId(),
                    replica.incarnation());
            intake.attach(roomsReplicatedLog);
            return intake;
        }

        @Bean
        RoomsClusterEvents roomsClusterEvents(ClusterRoomsIntake intake, ScheduledExecutorService roomsStateExecutor,
                ClusterProperties cluster) {
            return new RoomsClusterEvents(intake, roomsStateExecutor, cluster.nodeTimeout());
        }
    }
}
