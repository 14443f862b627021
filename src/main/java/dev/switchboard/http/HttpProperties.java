package dev.switchboard.http;

import dev.switchboard.core.config.SupportedTransports;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP listeners: static files plus the WebSocket upgrade into the rooms chat.
 *
 * @param listeners the two listeners serving the same content: {@code http} (standard port 8080)
 *     and {@code http-legacy} (25021, the port the original chat client connects to)
 * @param root {@code classpath:static/} (unset) serves the files bundled in the jar; any other
 *     value is a directory ({@code /srv/www} or {@code file:/srv/www}) that must exist at startup
 * @param idleTimeout a connection with no traffic either way for this long is closed; zero never
 *     closes idle connections
 * @param requestTimeout a request must arrive completely (head and body) within this time of its
 *     first byte, else 408 and close, so trickling bytes cannot hold a connection; zero disables it
 * @param maxInitialLineLength longest request line accepted; longer ones get 414
 * @param maxHeaderSize largest header block accepted; larger ones get 431
 * @param maxRequestBody largest request body accepted; larger ones get 413; zero accepts no body
 * @param cacheMaxAge {@code Cache-Control: max-age} sent with files; zero sends {@code no-cache}
 *     (clients revalidate every time, cheaply with the ETag)
 * @param websocketPaths request paths on which a WebSocket upgrade is handed to the upgrade routes
 * @param openFileCache what the server remembers about the files it served (as nginx's
 *     {@code open_file_cache}), so repeated requests cost no file-system calls
 */
@Validated
@ConfigurationProperties("switchboard.http")
public record HttpProperties(
        @DefaultValue @Valid @NotNull Listeners listeners,
        @DefaultValue("classpath:static/") @NotBlank String root,
        @DefaultValue("5s") @NotNull Duration idleTimeout,
        @DefaultValue("10s") @NotNull Duration requestTimeout,
        @DefaultValue("4096") @Min(256) @Max(65536) int maxInitialLineLength,
        @DefaultValue("8KB") @NotNull DataSize maxHeaderSize,
        @DefaultValue("64KB") @NotNull DataSize maxRequestBody,
        @DefaultValue("0s") @NotNull Duration cacheMaxAge,
        @DefaultValue({"/", "/ws"}) @NotEmpty List<@NotNull @Pattern(regexp = "/[^?#]*") String> websocketPaths,
        @DefaultValue @Valid @NotNull OpenFileCache openFileCache) {

    /** Standard port of the {@code http} listener. */
    public static final int HTTP_PORT = 8080;

    /** Standard port of the {@code http-legacy} listener (rooms spec §1). */
    public static final int HTTP_LEGACY_PORT = 25021;

    /**
     * The HTTP listeners.
     *
     * @param http the main listener; an unset port means 8080
     * @param httpLegacy the listener on the original chat port; an unset port means 25021
     */
    public record Listeners(
            @DefaultValue @Valid @NotNull @SupportedTransports({Transport.TCP, Transport.UNIX})
            ListenerProperties http,
            @DefaultValue @Valid @NotNull @SupportedTransports({Transport.TCP, Transport.UNIX})
            ListenerProperties httpLegacy) {
    }

    /**
     * The open-file cache: the real path, length, modification time and header values of files
     * served, and the bytes of small ones, each trusted for {@code valid} before the file is looked
     * at again.
     *
     * @param maxEntries most files remembered; zero turns the cache off (every request looks the
     *     file up and opens it)
     * @param maxBytes most file content held in memory (direct memory, counted against the
     *     process's direct-memory limit); zero holds none and remembers metadata only
     * @param maxFileSize files up to this size have their bytes held; larger ones are sent from
     *     disk with zero-copy transfer; zero holds none
     * @param valid how long a remembered file is trusted before the next request checks it again,
     *     so a changed or deleted file is seen at most this late; zero checks on every request
     */
    public record OpenFileCache(
            @DefaultValue("1000") @Min(0) @Max(1_000_000) int maxEntries,
            @DefaultValue("8MB") @NotNull DataSize maxBytes,
            @DefaultValue("64KB") @NotNull DataSize maxFileSize,
            @DefaultValue("1s") @NotNull Duration valid) {

        @AssertTrue(message = "max-bytes must be between 0 and 1GB")
        public boolean isMaxBytesInRange() {
            return maxBytes == null
                    || (maxBytes.toBytes() >= 0 && maxBytes.toBytes() <= DataSize.ofGigabytes(1).toBytes());
        }

        @AssertTrue(message = "max-file-size must be between 0 and 16MB")
        public boolean isMaxFileSizeInRange() {
            return maxFileSize == null
                    || (maxFileSize.toBytes() >= 0 && maxFileSize.toBytes() <= DataSize.ofMegabytes(16).toBytes());
        }

        @AssertTrue(message = "valid must be between 0 and 1h")
        public boolean isValidInRange() {
            return valid == null || (!valid.isNegative() && valid.compareTo(Duration.ofHours(1)) <= 0);
        }
    }

    @AssertTrue(message = "idle-timeout must be between 0 and 1h")
    public boolean isIdleTimeoutInRange() {
        return idleTimeout == null || (!idleTimeout.isNegative() && idleTimeout.compareTo(Duration.ofHours(1)) <= 0);
    }

    @AssertTrue(message = "request-timeout must be between 0 and 1h")
    public boolean isRequestTimeoutInRange() {
        return requestTimeout == null
                || (!requestTimeout.isNegative() && requestTimeout.compareTo(Duration.ofHours(1)) <= 0);
    }

    @AssertTrue(message = "max-header-size must be between 1KB and 1MB")
    public boolean isMaxHeaderSizeInRange() {
        return maxHeaderSize == null
                || (maxHeaderSize.toBytes() >= 1024 && maxHeaderSize.toBytes() <= DataSize.ofMegabytes(1).toBytes());
    }

    @AssertTrue(message = "max-request-body must be between 0 and 64MB")
    public boolean isMaxRequestBodyInRange() {
        return maxRequestBody == null
                || (maxRequestBody.toBytes() >= 0 && maxRequestBody.toBytes() <= DataSize.ofMegabytes(64).toBytes());
    }

    @AssertTrue(message = "cache-max-age must not be negative")
    public boolean isCacheMaxAgeValid() {
        return cacheMaxAge == null || !cacheMaxAge.isNegative();
    }
}
