package dev.switchboard.example;

import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.Transport;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.example.service.QuitAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.switchboard.core.timeout.TimeoutSweeper;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Wiring and defaults of {@link ExampleConfiguration} and {@link ExampleProperties}, without Netty binding. */
@ExtendWith(OutputCaptureExtension.class)
class ExampleConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(UserConfigurations.of(ExampleConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(TailExceptionHandler.class, TailExceptionHandler::new)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(TimeoutSweeper.class, () -> new TimeoutSweeper(Clock.systemUTC()))
            .withBean(Disconnector.class, () -> new Disconnector(new SimpleMeterRegistry()));

    @Test
    void defaults_whenNothingConfigured_thenDocumentedValues() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ExampleProperties properties = context.getBean(ExampleProperties.class);
            assertThat(properties.maxLineLength()).isEqualTo(DataSize.ofKilobytes(16));
            assertThat(properties.partialLineBudget()).isEqualTo(DataSize.ofMegabytes(16));
            assertThat(properties.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.partialLineTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.logRotate().minInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.logRotate().refusedLogWindow()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.quitAllowedFrom()).isEqualTo(QuitAccess.LOOPBACK);
            assertThat(properties.logRotateSecret()).isEmpty();

            ListenerDefinition tcp = context.getBean("exampleTcpListener", ListenerDefinition.class);
            assertThat(tcp.name()).isEqualTo("example-tcp");
            assertThat(tcp.properties().enabled()).isTrue();
            assertThat(tcp.properties().transport()).isEqualTo(Transport.TCP);
            assertThat(tcp.properties().port()).isEqualTo(3001);
            assertThat(tcp.properties().host()).isEqualTo("127.0.0.1");

            ListenerDefinition unix = context.getBean("exampleUnixListener", ListenerDefinition.class);
            assertThat(unix.name()).isEqualTo("example-unix");
            assertThat(unix.properties().enabled()).isFalse();
            assertThat(unix.properties().transport()).isEqualTo(Transport.UNIX);
            assertThat(unix.properties().path().normalize()).isEqualTo(Path.of("data/example.sock"));

            ListenerDefinition udp = context.getBean("exampleUdpListener", ListenerDefinition.class);
            assertThat(udp.name()).isEqualTo("example-udp");
            assertThat(udp.properties().transport()).isEqualTo(Transport.UDP);
            assertThat(udp.properties().port()).isEqualTo(3002);
            assertThat(udp.properties().host()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void overrides_whenConfigured_thenApplied() {
        runner.withPropertyValues(
                        "switchboard.example.listeners.unix.enabled=true",
                        "switchboard.example.listeners.unix.path=/run/x.sock",
                        "switchboard.example.listeners.tcp.port=4000",
                        "switchboard.example.quit-allowed-from=any",
                        "switchboard.example.max-line-length=64KB",
                        "switchboard.example.log-rotate-secret=abc")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ExampleProperties properties = context.getBean(ExampleProperties.class);
                    assertThat(properties.quitAllowedFrom()).isEqualTo(QuitAccess.ANY);
                    assertThat(properties.maxLineLength()).isEqualTo(DataSize.ofKilobytes(64));
                    assertThat(properties.logRotateSecret()).isEqualTo("abc");
                    ListenerDefinition unix = context.getBean("exampleUnixListener", ListenerDefinition.class);
                    assertThat(unix.properties().enabled()).isTrue();
                    assertThat(unix.properties().path()).isEqualTo(Path.of("/run/x.sock"));
                    assertThat(context.getBean("exampleTcpListener", ListenerDefinition.class).properties().port())
                            .isEqualTo(4000);
                    assertThat(context.getBean("exampleUdpListener", ListenerDefinition.class).properties().transport())
                            .isEqualTo(Transport.UDP);
                });
    }

    @Test
    void validation_whenMaxLineLengthOutOfRange_thenStartupFails() {
        runner.withPropertyValues("switchboard.example.max-line-length=10B")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("switchboard.example.max-line-length=1GB")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void validation_whenListenerTransportIsNotItsOwn_thenStartupFailsNamingTheKey() {
        runner.withPropertyValues("switchboard.example.listeners.udp.transport=tcp")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("switchboard.example.listeners.udp.transport"));
        runner.withPropertyValues("switchboard.example.listeners.tcp.transport=unix")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void validation_whenTimeoutsOrBudgetOutOfRange_thenStartupFails() {
        for (String bad : new String[] {
                "switchboard.example.idle-timeout=0s",
                "switchboard.example.idle-timeout=2d",
                "switchboard.example.partial-line-timeout=500ms",
                "switchboard.example.partial-line-budget=1KB",   // below the 16KB line limit
                "switchboard.example.partial-line-budget=2GB",
                "switchboard.example.log-rotate.min-interval=0s",
                "switchboard.example.log-rotate.refused-log-window=2h"}) {
            runner.withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
        }
    }

    @Test
    void logRotate_whenUdpBindsOffLoopbackWithoutSecret_thenOneStartupWarning(CapturedOutput output) {
        runner.withPropertyValues("switchboard.example.listeners.udp.host=0.0.0.0")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("The example log-rotate listener binds 0.0.0.0 without"
                + " switchboard.example.log-rotate-secret");
    }

    @Test
    void logRotate_whenLoopbackOrSecretSet_thenNoWarning(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("switchboard.example.listeners.udp.host=0.0.0.0",
                "switchboard.example.log-rotate-secret=s3cr3t").run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("The example log-rotate listener binds");
    }

    @Test
    void validation_whenQuitAllowedFromUnknown_thenStartupFails() {
        runner.withPropertyValues("switchboard.example.quit-allowed-from=everyone")
                .run(context -> assertThat(context).hasFailed());
    }
}
