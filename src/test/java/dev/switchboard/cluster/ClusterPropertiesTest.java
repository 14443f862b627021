package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ClusterPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClusterProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void bind_whenNothingSet_thenLocalEngineAndDocumentedDefaults() {
        runner.run(context -> {
            ClusterProperties p = context.getBean(ClusterProperties.class);
            assertThat(p.engine()).isEqualTo(ClusterProperties.Engine.LOCAL);
            assertThat(p.nodeId()).isEmpty();
            assertThat(p.effectiveNodeId()).isNotBlank();
            assertThat(p.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.nodeTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
            assertThat(p.redis().url()).isEqualTo("redis://127.0.0.1:6379");
            assertThat(p.redis().password()).isEmpty();
            assertThat(p.redis().keyPrefix()).isEqualTo("switchboard");
            assertThat(p.redis().streamMaxLength()).isEqualTo(100_000);
        });
    }

    @Test
    void bind_whenRedisSet_thenUsed() {
        runner.withPropertyValues("switchboard.cluster.engine=redis", "switchboard.cluster.node-id=pod-1",
                "switchboard.cluster.redis.url=rediss://ops:s%40cret@redis.example:6380/2").run(context -> {
                    ClusterProperties p = context.getBean(ClusterProperties.class);
                    assertThat(p.engine()).isEqualTo(ClusterProperties.Engine.REDIS);
                    assertThat(p.effectiveNodeId()).isEqualTo("pod-1");
                    RedisUrl url = RedisUrl.parse(p.redis().url());
                    assertThat(url).isEqualTo(new RedisUrl(true, "ops", "s@cret", "redis.example", 6380, 2));
                    assertThat(url.redacted()).isEqualTo("rediss://ops:***@redis.example:6380/2").doesNotContain("cret");
                });
    }

    @Test
    void redisUrl_whenIpv6OrWithoutPort_thenParsed() {
        assertThat(RedisUrl.parse("redis://[::1]:7000")).isEqualTo(new RedisUrl(false, "", "", "::1", 7000, 0));
        assertThat(RedisUrl.parse("redis://:pw@localhost")).isEqualTo(new RedisUrl(false, "", "pw", "localhost", 6379, 0));
        assertThat(RedisUrl.parse("redis://:pw@localhost").redacted()).isEqualTo("redis://:***@localhost:6379/0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "switchboard.cluster.engine=memcached",
            "switchboard.cluster.redis.url=http://127.0.0.1:6379",
            "switchboard.cluster.redis.url=redis://127.0.0.1:70000",
            "switchboard.cluster.redis.url=redis://127.0.0.1:6379/16",
            "switchboard.cluster.redis.url=redis://",
            "switchboard.cluster.node-id=has space",
            "switchboard.cluster.node-timeout=2s",
            "switchboard.cluster.heartbeat-interval=0s",
            "switchboard.cluster.redis.key-prefix=",
            "switchboard.cluster.redis.stream-max-length=10"})
    void bind_whenInvalid_thenStartupFailsNamingTheProblem(String setting) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            String key = setting.substring(0, setting.indexOf('='));
            StringBuilder chain = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                chain.append(t.getMessage()).append('\n');
            }
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            String camel = java.util.regex.Pattern.compile("-([a-z])").matcher(leaf)
                    .replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT));
            assertThat(chain.toString()).containsAnyOf(key, camel, "nodeTimeoutLongerThanHeartbeat", "urlInRange");
        });
    }
}
