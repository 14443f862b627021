package dev.switchboard.core;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.budget.InputBudgetProperties;
import dev.switchboard.core.listener.ConnectionLimitProperties;
import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerLifecycle;
import dev.switchboard.core.listener.ListenerPortPublisher;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.metrics.ChannelMetricsRecorder;
import dev.switchboard.core.metrics.InboundMark;
import dev.switchboard.core.metrics.MicrometerChannelMetricsRecorder;
import dev.switchboard.core.metrics.NettyMetricsBinder;
import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.netty.NettyProperties;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.shutdown.ShutdownProperties;
import dev.switchboard.core.timeout.TimeoutProperties;
import dev.switchboard.core.timeout.TimeoutSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The shared data-plane machinery every protocol builds on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NettyProperties.class, ShutdownProperties.class, TimeoutProperties.class,
        InputBudgetProperties.class, ConnectionLimitProperties.class})
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventLoopGroups eventLoopGroups(NettyProperties properties) {
        return new EventLoopGroups(properties);
    }

    @Bean
    ChannelMetricsRecorder channelMetricsRecorder(MeterRegistry registry, InboundMark mark) {
        return new MicrometerChannelMetricsRecorder(registry, mark);
    }

    @Bean
    NettyMetricsBinder nettyMetricsBinder(EventLoopGroups groups) {
        return new NettyMetricsBinder(groups);
    }

    @Bean
    Disconnector disconnector(MeterRegistry registry) {
        return new Disconnector(registry);
    }

    @Bean
    InputBudget inputBudget(InputBudgetProperties properties) {
        return new InputBudget(properties);
    }

    /** A fatal error in any pipeline marks liveness broken, so the orchestrator restarts the process. */
    @Bean
    TailExceptionHandler tailExceptionHandler(ApplicationEventPublisher events) {
        return new TailExceptionHandler(
                error -> AvailabilityChangeEvent.publish(events, error, LivenessState.BROKEN));
    }

    @Bean
    ListenerRegistry listenerRegistry(ObjectProvider<ListenerDefinition> definitions, EventLoopGroups groups,
            ChannelMetricsRecorder recorder, MeterRegistry meters, ApplicationEventPublisher events, Clock clock,
            ConnectionLimitProperties limits) {
        List<ListenerDefinition> all = definitions.orderedStream().toList();
        return new ListenerRegistry(all, groups, recorder, meters, events, clock, limits);
    }

    @Bean
    ListenerLifecycle listenerLifecycle(ListenerRegistry registry, ShutdownProperties shutdown,
            ApplicationEventPublisher events) {
        return new ListenerLifecycle(registry, shutdown, events);
    }

    @Bean
    static ListenerPortPublisher listenerPortPublisher(ConfigurableEnvironment environment) {
        return new ListenerPortPublisher(environment);
    }

    @Bean
    TimeoutSweeper timeoutSweeper(Clock clock) {
        return new TimeoutSweeper(clock);
    }

    @Bean
    SchedulingConfigurer timeoutSweepSchedule(TimeoutSweeper sweeper, TimeoutProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(sweeper::sweep,
                properties.sweepInterval());
    }
}
