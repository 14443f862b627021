package dev.switchboard.rooms;

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

class RoomsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoomsProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void bind_whenNothingSet_thenSpecDefaults() {
        runner.run(context -> {
            RoomsProperties p = context.getBean(RoomsProperties.class);
            assertThat(p.paths()).containsExactly("/", "/ws");
            assertThat(p.maxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(p.maxMessageSize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(p.maxTextLength()).isEqualTo(200);
            assertThat(p.nickMaxLength()).isEqualTo(32);
            assertThat(p.roomNameMaxLength()).isEqualTo(64);
            assertThat(p.historySize()).isEqualTo(50);
            assertThat(p.historyMaxBytes()).isEqualTo(DataSize.ofKilobytes(8));
            assertThat(p.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(p.magicString()).isEqualTo("magic string :)");
            assertThat(p.loginTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.maxNickAttempts()).isEqualTo(5);
            assertThat(p.closingTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.limits().historyBytes()).isEqualTo(8192);
        });
    }

    @Test
    void bind_whenValuesSet_thenUsed() {
        runner.withPropertyValues("switchboard.rooms.history-size=5", "switchboard.rooms.heartbeat-interval=0s",
                "switchboard.rooms.paths=/chat").run(context -> {
                    RoomsProperties p = context.getBean(RoomsProperties.class);
                    assertThat(p.historySize()).isEqualTo(5);
                    assertThat(p.heartbeatInterval()).isZero();
                    assertThat(p.paths()).containsExactly("/chat");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "switchboard.rooms.max-frame-size=10B",
            "switchboard.rooms.max-message-size=1GB",
            "switchboard.rooms.nick-max-length=0",
            "switchboard.rooms.max-text-length=0",
            "switchboard.rooms.history-size=-1",
            "switchboard.rooms.heartbeat-timeout=0s",
            "switchboard.rooms.heartbeat-interval=-1s",
            "switchboard.rooms.login-timeout=-1s",
            "switchboard.rooms.paths=chat",
            "switchboard.rooms.magic-string=",
            "switchboard.rooms.max-rooms=0",
            "switchboard.rooms.slow-consumer-limit=10B",
            "switchboard.rooms.closing-timeout=0s",
            "switchboard.rooms.closing-timeout=2m"})
    void bind_whenOutOfRange_thenContextFails(String setting) {
        runner.withPropertyValues(setting).run(context -> assertThat(context).hasFailed());
    }
}
