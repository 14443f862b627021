package dev.switchboard.cluster;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster backplane, bound from {@code switchboard.cluster}.
 *
 * @param engine            {@code local} keeps everything in this process (no external service, one
 *                          replica); {@code redis} joins the nodes that share one Redis
 * @param nodeId            this node's name in the cluster; empty means the host name (the pod name)
 * @param heartbeatInterval how often this node writes its heartbeat and looks for silent nodes
 * @param nodeTimeout       a node whose heartbeat is older than this is declared dead; must exceed
 *                          {@code heartbeat-interval}
 * @param dataDir           where the {@code local} engine keeps durable operator state (bans, blacklist,
 *                          settings); created on demand
 * @param redis             the Redis server of the {@code redis} engine
 */
@Validated
@ConfigurationProperties("switchboard.cluster")
public record ClusterProperties(
        @DefaultValue("local") @NotNull Engine engine,
        @DefaultValue("") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{0,128}",
                message = "node-id is letters, digits, '.', '_' and '-', at most 128") String nodeId,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 5) Duration heartbeatInterval,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 20) @DurationMax(minutes = 30) Duration nodeTimeout,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @NotNull @Valid Redis redis) {

    /** The two engines. */
    public enum Engine {
        /** In-process: today's single-node behaviour, no external service. */
        LOCAL,
        /** Redis through Lettuce: membership, one ordered event stream and durable state shared by every node. */
        REDIS;

        /** The lower-case name used in settings, logs and the {@code cluster} endpoint. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The Redis server of the {@code redis} engine.
     *
     * @param url             {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS; a
     *                        password given separately ({@code password}) takes precedence over one in the URL
     * @param password        the Redis password (from a Secret); empty means the URL's, if any
     * @param connectTimeout  how long one connection attempt may take
     * @param commandTimeout  how long one command may take before it counts as failed
     * @param keyPrefix       prefix of every key this gateway writes, so several gateways can share one Redis
     * @param streamMaxLength about how many events each event stream keeps (older ones are trimmed)
     */
    public record Redis(
            @DefaultValue("redis://127.0.0.1:6379") @NotNull @Pattern(regexp = RedisUrl.PATTERN,
                    message = "must be redis://[user:password@]host:port[/db] or rediss://...") String url,
            @DefaultValue("") @NotNull String password,
            @DefaultValue("2s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration connectTimeout,
            @DefaultValue("2s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration commandTimeout,
            @DefaultValue("switchboard") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                    message = "key-prefix is 1 to 64 letters, digits, '.', '_' and '-'") String keyPrefix,
            @DefaultValue("100000") @Min(100) @Max(100_000_000) long streamMaxLength) {

        /** The URL's port and database are in range (the pattern checks only the shape). */
        @AssertTrue(message = "url: port must be 1..65535 and database 0..15")
        public boolean isUrlInRange() {
            return url == null || !url.matches(RedisUrl.PATTERN) || RedisUrl.parse(url).inRange();
        }
    }

    /** Heartbeats must come more often than the timeout, or every node would be declared dead between two. */
    @AssertTrue(message = "node-timeout must be longer than heartbeat-interval")
    public boolean isNodeTimeoutLongerThanHeartbeat() {
        return nodeTimeout == null || heartbeatInterval == null || nodeTimeout.compareTo(heartbeatInterval) > 0;
    }

    /** {@link #nodeId()}, or the host name when it is empty. */
    public String effectiveNodeId() {
        if (!nodeId.isEmpty()) {
            return nodeId;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }
}
