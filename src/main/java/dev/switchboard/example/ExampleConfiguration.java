package dev.switchboard.example;

import dev.switchboard.core.admin.ListenerGroup;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.Transport;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.ExampleMessageEncoder;
import dev.switchboard.example.codec.PartialLineBudget;
import dev.switchboard.example.handler.ExampleChannelInitializer;
import dev.switchboard.example.handler.ExampleSessionHandler;
import dev.switchboard.example.handler.LogRotateChannelInitializer;
import dev.switchboard.example.handler.LogRotateDatagramHandler;
import dev.switchboard.example.handler.MalformedLineHandler;
import dev.switchboard.example.service.ExampleListeners;
import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.ExampleServerConversation;
import dev.switchboard.example.service.LogFiles;
import dev.switchboard.example.service.LogRotation;
import dev.switchboard.example.service.LogbackLogFiles;
import dev.switchboard.example.service.MicrometerExampleMetrics;
import dev.switchboard.example.service.RefusalLogWindow;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The example protocol: TCP 3001, an optional unix socket, and the UDP 3002 log-rotate listener. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExampleProperties.class)
@PropertySource("classpath:dev/switchboard/example/example-defaults.properties")
public class ExampleConfiguration {

    public static final String PROTOCOL = "example";
    public static final String TCP_LISTENER = "example-tcp";
    public static final String UNIX_LISTENER = "example-unix";
    public static final String UDP_LISTENER = "example-udp";

    @Bean
    ExampleMetrics exampleMetrics(MeterRegistry registry) {
        return new MicrometerExampleMetrics(registry);
    }

    @Bean
    ExampleServerConversation exampleServerConversation(ExampleProperties properties) {
        return new ExampleServerConversation(properties.quitAllowedFrom());
    }

    /** What QUIT stops, and so what an operator start of any of them brings back. */
    @Bean
    ListenerGroup exampleListenerGroup() {
        return new ListenerGroup(PROTOCOL, List.of(TCP_LISTENER, UNIX_LISTENER, UDP_LISTENER));
    }

    @Bean
    ExampleListeners exampleListeners(ObjectProvider<ListenerRegistry> registry, ListenerGroup exampleListenerGroup) {
        // QUIT is rare, so the common pool is enough to keep the blocking unbind off the event loop.
        return new RegistryExampleListeners(registry, exampleListenerGroup.members(), CompletableFuture::runAsync);
    }

    @Bean
    ExampleMessageEncoder exampleMessageEncoder() {
        return new ExampleMessageEncoder();
    }

    @Bean
    MalformedLineHandler exampleMalformedLineHandler(ExampleMetrics metrics) {
        return new MalformedLineHandler(metrics);
    }

    /** One budget for the unfinished lines of every example connection, TCP and unix alike. */
    @Bean
    PartialLineBudget examplePartialLineBudget(ExampleProperties properties) {
        return new PartialLineBudget(properties.partialLineBudget().toBytes());
    }

    @Bean
    ListenerDefinition exampleTcpListener(ExampleProperties properties, PartialLineBudget budget, Clock clock,
                                          TimeoutSweeper sweeper, ExampleMessageEncoder encoder,
                                          MalformedLineHandler malformed, ExampleServerConversation conversation,
                                          ExampleListeners listeners, ExampleMetrics metrics,
                                          TailExceptionHandler tail, Disconnector disconnector) {
        ExampleSessionHandler session = new ExampleSessionHandler(conversation, listeners, metrics, false);
        return new ListenerDefinition(TCP_LISTENER, PROTOCOL,
                properties.listeners().tcp().withTransport(Transport.TCP)
                        .withDefaultPort(ExampleProperties.DEFAULT_TCP_PORT),
                new ExampleChannelInitializer(limits(properties, budget), disconnector, clock, sweeper, metrics, encoder,
                        malformed, session, tail));
    }

    @Bean
    ListenerDefinition exampleUnixListener(ExampleProperties properties, PartialLineBudget budget, Clock clock,
                                           TimeoutSweeper sweeper, ExampleMessageEncoder encoder,
                                           MalformedLineHandler malformed, ExampleServerConversation conversation,
                                           ExampleListeners listeners, ExampleMetrics metrics,
                                           TailExceptionHandler tail, Disconnector disconnector) {
        ExampleSessionHandler session = new ExampleSessionHandler(conversation, listeners, metrics, true);
        return new ListenerDefinition(UNIX_LISTENER, PROTOCOL,
                properties.listeners().unix().withTransport(Transport.UNIX),
                new ExampleChannelInitializer(limits(properties, budget), disconnector, clock, sweeper, metrics, encoder,
                        malformed, session, tail));
    }

    @Bean
    LogFiles exampleLogFiles() {
        return new LogbackLogFiles(LoggerFactory.getILoggerFactory());
    }

    @Bean
    LogRotation exampleLogRotation(ExampleProperties properties, LogFiles logFiles, Clock clock) {
        var udp = properties.listeners().udp();
        if (udp.enabled() && properties.logRotateSecret().isEmpty() && !isLoopback(udp.host())) {
            // The secret stays optional for the reference's local ed-signal; off loopback, anyone may rotate.
            LoggerFactory.getLogger(ExampleConfiguration.class).warn("The example log-rotate listener binds {}"
                    + " without switchboard.example.log-rotate-secret: any host that reaches it can trigger"
                    + " LOG_ROTATE (rate-limited to one reopen per {} s)", udp.host(),
                    properties.logRotate().minInterval().toSeconds());
        }
        return new LogRotation(properties.logRotateSecret(), logFiles, clock, properties.logRotate().minInterval());
    }

    @Bean
    ListenerDefinition exampleUdpListener(ExampleProperties properties, LogRotation rotation, ExampleMetrics metrics,
                                          Clock clock) {
        return new ListenerDefinition(UDP_LISTENER, PROTOCOL,
                properties.listeners().udp().withTransport(Transport.UDP)
                        .withDefaultPort(ExampleProperties.DEFAULT_UDP_PORT),
                new LogRotateChannelInitializer(new LogRotateDatagramHandler(rotation, metrics,
                        new RefusalLogWindow(clock, properties.logRotate().refusedLogWindow()))));
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("::1") || host.startsWith("127."));
    }

    private static ExampleChannelInitializer.Limits limits(ExampleProperties properties, PartialLineBudget budget) {
        return new ExampleChannelInitializer.Limits((int) properties.maxLineLength().toBytes(), budget,
                properties.idleTimeout(), properties.partialLineTimeout());
    }
}
