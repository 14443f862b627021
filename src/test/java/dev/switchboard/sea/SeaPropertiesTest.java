package dev.switchboard.sea;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and validation of {@code switchboard.sea}. */
class SeaPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SeaProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class);

    @Test
    void bind_whenNothingSet_thenReferenceDefaults() {
        runner.run(ctx -> {
            SeaProperties p = ctx.getBean(SeaProperties.class);
            assertThat(p.effectiveListener().port()).isEqualTo(8732);
            assertThat(p.strict()).isFalse();
            assertThat(p.loginTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(p.legacyIdleTimeout()).isEqualTo(Duration.ofSeconds(600));
            assertThat(p.floodThreshold()).isEqualTo(6);
            assertThat(p.banTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(p.maxPenalty()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.maxFrameLength().toBytes()).isEqualTo(0xFFFFFF);
            assertThat(p.archiveUrl()).isEmpty();
            assertThat(p.ioThreads()).isEqualTo(1);
        });
    }

    @Test
    void bind_whenIoThreadsOutOfRange_thenStartupFails() {
        runner.withPropertyValues("switchboard.sea.io-threads=0").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.io-threads=65").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.io-threads=2")
                .run(ctx -> assertThat(ctx.getBean(SeaProperties.class).ioThreads()).isEqualTo(2));
    }

    @Test
    void bind_whenArchiveUrlTooLong_thenStartupFails() {
        runner.withPropertyValues("switchboard.sea.archive-url=" + "h".repeat(256))
                .run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void bind_whenThresholdBelowThreeOrPenaltyBelowTen_thenStartupFails() {
        runner.withPropertyValues("switchboard.sea.flood-threshold=2").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.max-penalty=5s").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void bind_whenFrameCapsOutOfRange_thenStartupFails() {
        runner.withPropertyValues("switchboard.sea.max-frame-length=32MB").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.max-login-frame-length=100B").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("switchboard.sea.legacy-max-frame-length=1KB").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void bind_whenPortAndListsSet_thenBound() {
        runner.withPropertyValues("switchboard.sea.listener.port=0", "switchboard.sea.bans[0]=10.0.0.0/8",
                "switchboard.sea.connection-classes[0]=192.168.0.0/24:7:2:180").run(ctx -> {
                    SeaProperties p = ctx.getBean(SeaProperties.class);
                    assertThat(p.effectiveListener().port()).isZero();
                    assertThat(p.bans()).containsExactly("10.0.0.0/8");
                    assertThat(p.connectionClasses()).containsExactly("192.168.0.0/24:7:2:180");
                });
    }
}
