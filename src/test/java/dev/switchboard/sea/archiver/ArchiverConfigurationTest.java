package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.netty.NettyProperties;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.archiver.ArchiverStatus.State;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The archiver's Spring wiring on the core's event loops, with and without an external archiver. */
@Timeout(30)
class ArchiverConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(CoreStandIn.class, ArchiverConfiguration.class);

    /** The four core beans the archiver needs, without the listeners. */
    @Configuration(proxyBeanMethods = false)
    static class CoreStandIn {
        @Bean
        EventLoopGroups eventLoopGroups() {
            return new EventLoopGroups(new NettyProperties(1, 1, NettyProperties.TransportKind.AUTO,
                    Duration.ZERO, Duration.ofSeconds(2)));
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        TimeoutSweeper timeoutSweeper(Clock clock) {
            return new TimeoutSweeper(clock);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void context_whenNoUrl_thenClientRunsOnFallbackFileAndStopsWithContext() {
        Path file = dir.resolve("data/archive.log");
        ArchiverClient[] client = new ArchiverClient[1];
        runner.withPropertyValues("switchboard.sea.archiver.file=" + file).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            client[0] = ctx.getBean(ArchiverClient.class);
            assertThat(ctx.getBean(ArchiveSink.class)).isSameAs(client[0]);
            assertThat(ctx.getBean(ArchiverLifecycle.class).isRunning()).isTrue();
            await().until(() -> client[0].status().connected());

            client[0].offer(ArchiveRecords.time(1234567890L));

            await().until(() -> Files.exists(file)
                    && Files.readString(file, StandardCharsets.ISO_8859_1).equals("TIME 0 1234567890\n"));
            assertThat(ctx.getBean(MeterRegistry.class).get(MicrometerArchiverMetrics.CONNECTED).gauge().value())
                    .isEqualTo(1.0);
        });
        assertThat(client[0].status().state()).isEqualTo(State.STOPPED);
        assertThat(client[0].status().archSock()).isEqualTo(-1);
    }

    @Test
    void context_whenUrlSet_thenConnectsWithTheCoreTransport() throws Exception {
        try (FakeArchiver fake = FakeArchiver.unix(dir.resolve("arch.sock"), true)) {
            runner.withPropertyValues("switchboard.sea.archiver.url=" + fake.url(),
                    "switchboard.sea.archiver.file=" + dir.resolve("unused.log")).run(ctx -> {
                ArchiverClient client = ctx.getBean(ArchiverClient.class);
                await().until(() -> client.status().connected());

                client.offer("MSG 1 5 1.2.3.4 0 1 a[b]\nx");

                await().until(() -> fake.receivedText().equals("MSG 1 5 1.2.3.4 0 1 a[b]\nx"));
                assertThat(Files.exists(dir.resolve("unused.log"))).isFalse();
            });
        }
    }
}
