package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class ArchiverPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ArchiverProperties.class)
    static class Config {
    }

    @Test
    void bind_whenNothingSet_thenDocumentedDefaults() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ArchiverProperties props = ctx.getBean(ArchiverProperties.class);
            assertThat(props).isEqualTo(ArchiverProperties.defaults(""));
            assertThat(props.url()).isEmpty();
            assertThat(props.reconnectInterval()).isEqualTo(Duration.ofSeconds(90));
            assertThat(props.pingInterval()).isEqualTo(Duration.ofSeconds(90));
            assertThat(props.file()).isEqualTo("./data/archive.log");
            assertThat(props.queueMaxBytes()).isEqualTo(DataSize.ofMegabytes(16));
        });
    }

    @Test
    void bind_whenValuesSet_thenBound() {
        runner.withPropertyValues("switchboard.sea.archiver.url=unix:/run/arch.sock",
                "switchboard.sea.archiver.reconnect-interval=5s", "switchboard.sea.archiver.queue-capacity=7")
                .run(ctx -> {
                    ArchiverProperties props = ctx.getBean(ArchiverProperties.class);
                    assertThat(props.url()).isEqualTo("unix:/run/arch.sock");
                    assertThat(props.reconnectInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(props.queueCapacity()).isEqualTo(7);
                });
    }

    @Test
    void bind_whenUrlInvalid_thenStartupFailsNamingTheAddress() {
        runner.withPropertyValues("switchboard.sea.archiver.url=tcp://10.0.0.1").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("invalid archiver address 'tcp://10.0.0.1'");
        });
    }

    @Test
    void bind_whenConstraintViolated_thenStartupFails() {
        runner.withPropertyValues("switchboard.sea.archiver.queue-capacity=0").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.archiver.ping-interval=0s").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.archiver.file= ").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.archiver.queue-max-bytes=1KB").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.archiver.write-buffer-low-water-mark=128KB")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
