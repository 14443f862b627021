package dev.switchboard.core.listener;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how one listener binds; every protocol nests one of these per listener in its own
 * configuration record.
 *
 * @param enabled false leaves the listener unbound until an operator starts it
 * @param transport socket kind
 * @param host bind address for TCP and UDP; {@code 0.0.0.0} binds every interface
 * @param port unset means the protocol's standard port, 0 an ephemeral port (tests)
 * @param path socket file for {@code UNIX}; unset is invalid for that transport
 * @param backlog pending-connection queue handed to {@code listen()}
 * @param writeBufferLowWaterMark a connection becomes writable again below this many queued bytes
 * @param writeBufferHighWaterMark a connection becomes unwritable above this many queued bytes
 * @param maxConnections most connections open at once; more are accepted and closed at once (counted), so
 *                       file descriptors stay in reserve for management and the other listeners
 * @param maxUnauthenticatedPerAddress most connections from one remote address that have not authenticated yet
 *                       (for protocols without a login, every connection counts); more are closed at once
 */
public record ListenerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("tcp") @NotNull Transport transport,
        @DefaultValue("0.0.0.0") @NotBlank String host,
        @Min(0) @Max(65535) Integer port,
        Path path,
        @DefaultValue("1024") @Min(1) @Max(65535) int backlog,
        @DefaultValue("32KB") @NotNull DataSize writeBufferLowWaterMark,
        @DefaultValue("64KB") @NotNull DataSize writeBufferHighWaterMark,
        @DefaultValue("4000") @Min(1) int maxConnections,
        @DefaultValue("256") @Min(1) int maxUnauthenticatedPerAddress) {

    /** The constructor configuration binds (the record has a second, shorter one). */
    @ConstructorBinding
    public ListenerProperties {
    }

    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4000;
    /** Default {@link #maxUnauthenticatedPerAddress()}. */
    public static final int DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS = 256;

    /** The same with the default connection caps. */
    public ListenerProperties(boolean enabled, Transport transport, String host, Integer port, Path path, int backlog,
            DataSize writeBufferLowWaterMark, DataSize writeBufferHighWaterMark) {
        this(enabled, transport, host, port, path, backlog, writeBufferLowWaterMark, writeBufferHighWaterMark,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS);
    }

    /** A TCP listener on every interface with default limits. */
    public static ListenerProperties tcp(Integer port) {
        return new ListenerProperties(true, Transport.TCP, "0.0.0.0", port, null, 1024,
                DataSize.ofKilobytes(32), DataSize.ofKilobytes(64));
    }

    /** A copy whose unset port is the protocol's standard {@code port}. */
    public ListenerProperties withDefaultPort(int standardPort) {
        return port != null ? this : new ListenerProperties(enabled, transport, host, standardPort, path,
                backlog, writeBufferLowWaterMark, writeBufferHighWaterMark, maxConnections,
                maxUnauthenticatedPerAddress);
    }

    /** A copy forced to {@code transport}, for listeners whose protocol fixes it. */
    public ListenerProperties withTransport(Transport fixed) {
        return fixed == transport ? this : new ListenerProperties(enabled, fixed, host, port, path, backlog,
                writeBufferLowWaterMark, writeBufferHighWaterMark, maxConnections, maxUnauthenticatedPerAddress);
    }

    @AssertTrue(message = "a unix listener needs a path")
    public boolean isPathPresentForUnix() {
        return transport != Transport.UNIX || path != null;
    }

    @AssertTrue(message = "the low water mark must not exceed the high water mark")
    public boolean isWaterMarkOrdered() {
        return writeBufferLowWaterMark == null || writeBufferHighWaterMark == null
                || writeBufferLowWaterMark.toBytes() <= writeBufferHighWaterMark.toBytes();
    }
}
