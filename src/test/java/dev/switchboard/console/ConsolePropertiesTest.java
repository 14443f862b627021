package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class ConsolePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsoleProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void bind_whenNothingSet_thenDocumentedDefaults() {
        runner.run(context -> {
            ConsoleProperties p = context.getBean(ConsoleProperties.class);
            assertThat(p.enabled()).isTrue();
            assertThat(p.maxConsoles()).isEqualTo(4);
            assertThat(p.snapshotInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.sendBufferLimit()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(p.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.sessionRows()).isEqualTo(50);
            assertThat(p.listRows()).isEqualTo(200);
            assertThat(p.auditLines()).isEqualTo(100);
            assertThat(p.allowedOrigins()).isEmpty();
        });
    }

    @Test
    void bind_whenValuesSet_thenUsed() {
        runner.withPropertyValues("switchboard.console.max-consoles=1", "switchboard.console.snapshot-interval=200ms",
                "switchboard.console.allowed-origins=https://ops.example.com").run(context -> {
                    ConsoleProperties p = context.getBean(ConsoleProperties.class);
                    assertThat(p.maxConsoles()).isEqualTo(1);
                    assertThat(p.snapshotInterval()).isEqualTo(Duration.ofMillis(200));
                    assertThat(p.allowedOrigins()).containsExactly("https://ops.example.com");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "switchboard.console.max-consoles=0",
            "switchboard.console.max-consoles=65",
            "switchboard.console.snapshot-interval=100ms",
            "switchboard.console.snapshot-interval=2m",
            "switchboard.console.send-buffer-limit=1KB",
            "switchboard.console.send-buffer-limit=17MB",
            "switchboard.console.send-time-limit=0s",
            "switchboard.console.send-time-limit=6m",
            "switchboard.console.session-rows=0",
            "switchboard.console.session-rows=501",
            "switchboard.console.list-rows=0",
            "switchboard.console.audit-lines=0"})
    void bind_whenOutOfRange_thenStartupFailsNamingTheKey(String setting) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            String key = setting.substring("switchboard.console.".length(), setting.indexOf('='));
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(key);
        });
    }
}
