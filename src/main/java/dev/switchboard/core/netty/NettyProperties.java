package dev.switchboard.core.netty;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event-loop sizing and transport choice shared by every listener and client connection.
 *
 * @param workerThreads event-loop threads serving connections; 0 means one per available core
 * @param bossThreads threads accepting connections; 1 is enough for any number of listeners
 * @param transport {@code auto} picks native epoll when it loads and falls back to NIO
 * @param shutdownQuietPeriod quiet period handed to {@code shutdownGracefully}; zero skips it
 * @param shutdownTimeout upper bound for the event loops to terminate after the listeners are drained
 */
@Validated
@ConfigurationProperties("switchboard.netty")
public record NettyProperties(
        @DefaultValue("0") @Min(0) @Max(1024) int workerThreads,
        @DefaultValue("1") @Min(1) @Max(16) int bossThreads,
        @DefaultValue("auto") @NotNull TransportKind transport,
        @DefaultValue("0s") @NotNull Duration shutdownQuietPeriod,
        @DefaultValue("5s") @NotNull Duration shutdownTimeout) {

    /** Which I/O implementation the event loops use. */
    public enum TransportKind { AUTO, NIO, EPOLL }

    /** Worker threads to start, resolving 0 to the number of cores. */
    public int effectiveWorkerThreads() {
        return workerThreads == 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }
}
