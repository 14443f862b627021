package dev.switchboard.http.support;

import dev.switchboard.core.connection.Disconnector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.http.HttpConfiguration;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.http.handler.HttpChannelInitializer;
import dev.switchboard.http.handler.ResponseHeadersHandler;
import dev.switchboard.http.handler.ResponseMetricsHandler;
import dev.switchboard.http.handler.StaticFileHandler;
import dev.switchboard.http.handler.UpgradeRoute;
import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.service.StaticFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Builds EmbeddedChannels with the real HTTP pipeline and reads what they wrote as raw bytes. */
public final class HttpTestChannels {

    private HttpTestChannels() {
    }

    /** Properties as the defaults, with this root, idle timeout and limits. */
    public static HttpProperties properties(Path root, Duration idleTimeout, int maxInitialLine, DataSize maxHeader,
            DataSize maxBody) {
        return new HttpProperties(new HttpProperties.Listeners(ListenerProperties.tcp(0), ListenerProperties.tcp(0)),
                root.toString(), idleTimeout, Duration.ofSeconds(10), maxInitialLine, maxHeader, maxBody, Duration.ZERO, List.of("/", "/ws"),
                defaultOpenFileCache());
    }

    /** The open-file cache settings of the documented defaults. */
    public static HttpProperties.OpenFileCache defaultOpenFileCache() {
        return new HttpProperties.OpenFileCache(1000, DataSize.ofMegabytes(8), DataSize.ofKilobytes(64),
                Duration.ofSeconds(1));
    }

    /** Properties with the documented defaults, this root and this open-file cache. */
    public static HttpProperties properties(Path root, HttpProperties.OpenFileCache cache) {
        HttpProperties d = properties(root);
        return new HttpProperties(d.listeners(), d.root(), d.idleTimeout(), d.requestTimeout(), d.maxInitialLineLength(),
                d.maxHeaderSize(), d.maxRequestBody(), d.cacheMaxAge(), d.websocketPaths(), cache);
    }

    /** Properties with the documented defaults and this root. */
    public static HttpProperties properties(Path root) {
        return properties(root, Duration.ofSeconds(5), 4096, DataSize.ofKilobytes(8), DataSize.ofKilobytes(64));
    }

    /** A channel whose pipeline the production initializer built. */
    public static EmbeddedChannel channel(HttpProperties properties, List<UpgradeRoute> routes, HttpMetrics metrics,
            Clock clock) {
        return channel(properties, routes, metrics, clock, properties.root(), HttpTestChannels.class.getClassLoader());
    }

    /**
     * A channel serving {@code root} resolved with {@code loader} (for classpath roots), behind the
     * open-file cache the properties configure, timed by {@code clock} as the gateway's is.
     */
    public static EmbeddedChannel channel(HttpProperties properties, List<UpgradeRoute> routes, HttpMetrics metrics,
            Clock clock, String root, ClassLoader loader) {
        StaticFiles files = HttpConfiguration.staticFiles(properties, root, loader, clock);
        HttpChannelInitializer initializer = new HttpChannelInitializer(properties, new ResponseHeadersHandler(clock),
                new ResponseMetricsHandler(metrics), new StaticFileHandler(files), routes, new TailExceptionHandler(),
                new Disconnector(new SimpleMeterRegistry()));
        return new EmbeddedChannel(initializer);
    }

    /** Writes raw request bytes (ISO-8859-1) into the channel. */
    public static void send(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    /** Everything written so far, as one stream; buffers and file regions are released. */
    public static InputStream written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(out);
        for (Object msg = ch.readOutbound(); msg != null; msg = ch.readOutbound()) {
            try {
                if (msg instanceof ByteBuf buf) {
                    buf.readBytes(out, buf.readableBytes());
                } else if (msg instanceof FileRegion region) {
                    while (region.transferred() < region.count()) {
                        region.transferTo(sink, region.transferred());
                    }
                } else {
                    throw new AssertionError("unexpected outbound message " + msg);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** Reads the next response of {@code in}. */
    public static RawResponse next(InputStream in) {
        return next(in, false);
    }

    /** Reads the next response of {@code in}; {@code head} for an answer to HEAD. */
    public static RawResponse next(InputStream in, boolean head) {
        try {
            return RawResponse.read(in, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
