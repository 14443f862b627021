package dev.switchboard.core.metrics;

import dev.switchboard.core.netty.EventLoopGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.netty.util.Version;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metric hygiene and build identity: the inbound mark broadcasts time against, snake_case label values,
 * the series nobody reads dropped, {@code switchboard_build_info} and the {@code netty} section of
 * {@code /actuator/info}.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** Build identity (gauge, always 1; tags version, commit, java, transport). */
    public static final String BUILD_INFO = "switchboard.build.info";

    /** Label keys whose values are code-chosen words; they are exported in snake_case. */
    private static final Set<String> WORD_LABELS = Set.of(GatewayMeters.Tags.REASON, GatewayMeters.Tags.OUTCOME,
            GatewayMeters.Tags.KIND);

    /**
     * A word label that ever took more values than this across the gateway's meters would be a bug
     * (a user-supplied string reaching a tag), not something to chart: further values are dropped.
     */
    static final int MAX_WORD_LABEL_VALUES = 100;

    private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

    /**
     * Families the management plane itself produces and no dashboard of the gateway needs: Tomcat
     * sessions (the management port keeps none), Spring Security's filter-chain observations, the
     * management port's own request timings, and Spring's idle task executors.
     */
    private static final List<String> NOISY_PREFIXES = List.of("tomcat.", "spring.security.", "http.server.requests",
            "executor.");

    @Bean
    InboundMark inboundMark() {
        return new InboundMark();
    }

    @Bean
    MeterFilter switchboardLabelValues() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("switchboard.")) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream()
                        .map(tag -> WORD_LABELS.contains(tag.getKey()) ? Tag.of(tag.getKey(), snakeCase(tag.getValue()))
                                : tag)
                        .toList();
                return id.replaceTags(tags);
            }
        };
    }

    @Bean
    MeterFilter boundedWordLabels() {
        Set<String> reported = ConcurrentHashMap.newKeySet();
        MeterFilter refuse = new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                if (reported.add(id.getName())) {
                    log.warn("Meter {} dropped: a label took more than {} values ({})", id.getName(),
                            MAX_WORD_LABEL_VALUES, id.getTags());
                }
                return MeterFilterReply.DENY;
            }
        };
        List<MeterFilter> limits = WORD_LABELS.stream()
                .map(key -> MeterFilter.maximumAllowableTags("switchboard.", key, MAX_WORD_LABEL_VALUES, refuse))
                .toList();
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                for (MeterFilter limit : limits) {
                    MeterFilterReply reply = limit.accept(id);
                    if (reply != MeterFilterReply.NEUTRAL) {
                        return reply;
                    }
                }
                return MeterFilterReply.NEUTRAL;
            }
        };
    }

    @Bean
    MeterFilter quietManagementPlane() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return NOISY_PREFIXES.stream().anyMatch(id.getName()::startsWith)
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    @Bean
    MeterBinder switchboardBuildInfo(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
            EventLoopGroups groups) {
        return registry -> Gauge.builder(BUILD_INFO, () -> 1)
                .description("Build identity of the running gateway; always 1")
                .tag("version", version(build.getIfAvailable()))
                .tag("commit", commit(git.getIfAvailable()))
                .tag("java", System.getProperty("java.specification.version", "unknown"))
                .tag("transport", transport(groups))
                .strongReference(true)
                .register(registry);
    }

    /** Adds {@code netty: {version, transport}} to {@code /actuator/info}, beside build, git and java. */
    @Bean
    InfoContributor nettyInfo(EventLoopGroups groups) {
        return builder -> builder.withDetail("netty", Map.of("version", nettyVersion(),
                "transport", transport(groups)));
    }

    static String snakeCase(String value) {
        return value.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static String version(BuildProperties build) {
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        String fromManifest = MetricsConfiguration.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }

    private static String commit(GitProperties git) {
        return git != null && git.getShortCommitId() != null ? git.getShortCommitId() : "unknown";
    }

    private static String transport(EventLoopGroups groups) {
        return groups.isEpoll() ? "epoll" : "nio";
    }

    private static String nettyVersion() {
        Version version = Version.identify().get("netty-transport");
        return version != null ? version.artifactVersion() : "unknown";
    }
}
