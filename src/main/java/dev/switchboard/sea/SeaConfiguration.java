package dev.switchboard.sea;

import dev.switchboard.cluster.Backplane;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.NettyListener;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.core.metrics.InboundMark;
import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.archiver.ArchiveSink;
import dev.switchboard.sea.cluster.SeaClusterRoster;
import dev.switchboard.sea.handler.SeaChannelInitializer;
import dev.switchboard.sea.handler.SeaIoLoops;
import dev.switchboard.sea.handler.SeaLimits;
import dev.switchboard.sea.handler.SeaRosterExecutor;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.service.BanList;
import dev.switchboard.sea.service.ConnectionClass;
import dev.switchboard.sea.service.FloodPolicy;
import dev.switchboard.sea.service.Ipv4Cidr;
import dev.switchboard.sea.service.NameBlacklist;
import dev.switchboard.sea.service.SeaAdministration;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaLinkOutbound;
import dev.switchboard.sea.service.SeaMetrics;
import dev.switchboard.sea.service.SeaRosterLog;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.UserIdAllocator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The SEA legacy listener ({@code sea}, TCP 8732) and its services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SeaProperties.class)
public class SeaConfiguration {

    /** Listener name and protocol tag of the SEA data port. */
    public static final String PROTOCOL = "sea";
    /** The HTTP listener whose address LINK sends when no archive URL is configured. */
    static final String WEB_LISTENER = "http";

    @Bean
    SeaRosterExecutor seaRosterExecutor(EventLoopGroups groups, MeterRegistry registry) {
        SeaRosterExecutor roster = new SeaRosterExecutor(groups);
        Tags sea = Tags.of(GatewayMeters.Tags.PROTOCOL, PROTOCOL);
        FunctionCounter.builder(SeaMeters.ROSTER_BUSY, roster,
                        r -> r.busyNanos() / (double) TimeUnit.SECONDS.toNanos(1))
                .baseUnit("seconds").tags(sea)
                .description("Time the SEA roster thread spent running SEA work; its rate is the thread's utilisation")
                .register(registry);
        Gauge.builder(SeaMeters.ROSTER_QUEUED, roster, SeaRosterExecutor::backlog).tags(sea)
                .description("Tasks waiting for the SEA roster thread").register(registry);
        return roster;
    }

    @Bean
    SeaIoLoops seaIoLoops(EventLoopGroups groups, SeaProperties props) {
        return new SeaIoLoops(groups, props.ioThreads());
    }

    @Bean
    SeaMetrics seaMetrics(MeterRegistry registry) {
        return new MicrometerSeaMetrics(registry);
    }

    @Bean
    SeaSettings seaSettings(SeaProperties props) {
        return new SeaSettings(props.strict(), props.archiveUrl(), new FloodPolicy(props.floodThreshold()),
                (int) props.maxPenalty().getSeconds(), props.blacklistBans(), props.recheckMaxConnectionsAtLogin(),
                props.idleTimeout(), props.legacyIdleTimeout(), props.idleGrace(), props.idleKillAfter(),
                props.slowConsumerTimeout());
    }

    /**
     * Where the SEA service's state changes go: applied at once with the {@code local} engine, through the
     * replicated {@code sea} channel with any other, so all nodes on one backplane are one SEA server.
     */
    @Bean
    SeaRosterLog seaRosterLog(Backplane backplane, SeaRosterExecutor roster, Clock clock) {
        if (ClusterProperties.Engine.LOCAL.id().equals(backplane.engine())) {
            return SeaRosterLog.LOCAL;
        }
        return new SeaClusterRoster(backplane, roster, clock);
    }

    @Bean
    SeaService seaService(SeaProperties props, SeaSettings settings, Clock clock, SeaMetrics metrics,
                          ObjectProvider<ArchiveSink> archiver, SeaRosterLog rosterLog, Backplane backplane,
                          ClusterProperties clusterProperties) {
        BanList bans = BanList.forPolicy(settings.floodPolicy(), props.banTimeout());
        for (String ban : props.bans()) {
            bans.addPermanent(Ipv4Cidr.parse(ban), clock.instant());
        }
        NameBlacklist blacklist = new NameBlacklist(props.blacklistCaseFolding(), props.blacklist());
        List<ConnectionClass> classes = props.connectionClasses().stream().map(ConnectionClass::parse).toList();
        SeaService.Cluster cluster = rosterLog.replicated()
                // a new incarnation per start: sessions of this node's previous run are told apart from its new ones
                ? new SeaService.Cluster(rosterLog, backplane.nodeId(), ThreadLocalRandom.current().nextLong(),
                        clusterProperties.nodeTimeout())
                : new SeaService.Cluster(SeaRosterLog.LOCAL, backplane.nodeId(), 0, Duration.ZERO);
        SeaService service = new SeaService(clock,
                new SeaLinkOutbound(), metrics, settings, bans, blacklist, classes,
                props.loginTimeout(), new UserIdAllocator(),
                archiver.stream().findFirst().<SeaArchive>map(ArchiverSeaArchive::new).orElse(SeaArchive.NONE),
                cluster);
        if (rosterLog instanceof SeaClusterRoster replicated) {
            replicated.start(service);
        }
        return service;
    }

    @Bean
    SeaHealthIndicator seaHealthIndicator(SeaRosterExecutor roster, InputBudget budget, SeaProperties props,
                                          SeaRosterLog rosterLog) {
        return new SeaHealthIndicator(roster.executor(), budget, props.maxFrameLength().toBytes(),
                props.rosterStallTimeout(), props.rosterBacklogLimit(), rosterLog::synced);
    }

    @Bean
    SeaHousekeeping seaHousekeeping(TimeoutSweeper sweeper, SeaRosterExecutor roster, SeaService service) {
        return new SeaHousekeeping(sweeper, roster, service);
    }

    @Bean
    SeaAdministration seaAdministration(SeaService service, SeaRosterExecutor roster,
                                        ObjectProvider<ArchiveSink> archiver) {
        return new SeaAdministration(service, roster.executor(), roster.executor()::inEventLoop,
                Duration.ofSeconds(10), archiver.stream().findFirst().orElse(null));
    }

    @Bean
    ListenerDefinition seaListener(SeaProperties props, SeaRosterExecutor roster, SeaIoLoops io, SeaService service,
                                   TimeoutSweeper sweeper, Clock clock, TailExceptionHandler tail,
                                   MeterRegistry registry, InboundMark mark, InputBudget budget,
                                   Disconnector disconnector, ObjectProvider<ListenerRegistry> listeners) {
        SeaLimits limits = new SeaLimits((int) props.maxLoginFrameLength().toBytes(),
                (int) props.maxFrameLength().toBytes(), (int) props.legacyMaxFrameLength().toBytes(),
                props.slowConsumerMaxPending().toBytes(), props.largeFrameTimeout(),
                // Looked up per LINK: the registry is built from this very definition, and the port may change.
                () -> listeners.getObject().find(WEB_LISTENER).filter(NettyListener::isRunning)
                        .map(NettyListener::port).orElse(-1));
        // Every SEA channel has a core Connection, so the drain ends each with the shutdown reason and the
        // connection's goodbye (SeaChannelInitializer's); the listener needs no goodbye of its own.
        return new ListenerDefinition(PROTOCOL, PROTOCOL, props.effectiveListener(),
                new SeaChannelInitializer(roster, service, limits, sweeper, clock, tail, budget, disconnector,
                        HandlingTimer.register(registry, mark, SeaMeters.COMMAND_DURATION,
                                "Time the SEA roster took to handle one command, by command", PROTOCOL,
                                SeaCommand.class),
                        BroadcastMeter.register(registry, mark, PROTOCOL)),
                io.group());
    }
}
