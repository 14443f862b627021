package dev.switchboard.http.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.listener.ConnectionAdmission;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.http.HttpProperties;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.HashSet;
import java.util.List;

/**
 * Builds one HTTP connection's pipeline in the order listed by {@link HttpPipeline}; one instance
 * per listener (its metrics stage carries the listener's name).
 */
@Sharable
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {

    private final HttpProperties properties;
    private final ResponseHeadersHandler responseHeaders;
    private final ResponseMetricsHandler metrics;
    private final StaticFileHandler staticFiles;
    private final TailExceptionHandler exceptions;
    private final RequestGuard guard = new RequestGuard();
    private final ReadThrottle readThrottle = new ReadThrottle();
    private final RequestValidator validator = new RequestValidator();
    private final UpgradeRouter router;
    private final Disconnector disconnector;

    /** An initializer handing upgrades to {@code routes} (possibly none). */
    public HttpChannelInitializer(HttpProperties properties, ResponseHeadersHandler responseHeaders,
            ResponseMetricsHandler metrics, StaticFileHandler staticFiles, List<UpgradeRoute> routes,
            TailExceptionHandler exceptions, Disconnector disconnector) {
        this.disconnector = disconnector;
        this.properties = properties;
        this.responseHeaders = responseHeaders;
        this.metrics = metrics;
        this.staticFiles = staticFiles;
        this.exceptions = exceptions;
        this.router = new UpgradeRouter(routes, new HashSet<>(properties.websocketPaths()));
    }

    @Override
    protected void initChannel(Channel ch) {
        // HTTP has no login: a connection is as authenticated as it will ever be, so the per-address cap on
        // connections still waiting to log in must not count it (clients behind one NAT address would hit it).
        ConnectionAdmission.authenticated(ch);
        // Responses are bounded by the read throttle and the streamed-body writer, not by a byte limit here.
        Connection.attach(ch, UpgradeRoute.HTTP_PROTOCOL, Long.MAX_VALUE, HttpGoodbye.INSTANCE, disconnector);
        ChannelPipeline p = ch.pipeline();
        long idleMillis = properties.idleTimeout().toMillis();
        if (idleMillis > 0) {
            p.addLast(HttpPipeline.IDLE_STATE, new IdleCloseHandler(idleMillis));
        }
        long requestMillis = properties.requestTimeout().toMillis();
        RequestDeadline deadline = requestMillis > 0 ? new RequestDeadline(requestMillis) : null;
        if (deadline != null) {
            // Before the codec: it must see the first raw byte of a request, not a decoded head.
            p.addLast(HttpPipeline.REQUEST_DEADLINE, deadline);
        }
        p.addLast(HttpPipeline.CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(properties.maxInitialLineLength())
                .setMaxHeaderSize((int) properties.maxHeaderSize().toBytes())));
        // The chunked writer joins right after the codec when a connection first streams a body.
        p.addLast(HttpPipeline.RESPONSE_HEADERS, responseHeaders);
        p.addLast(HttpPipeline.METRICS, metrics);
        p.addLast(HttpPipeline.AGGREGATOR, new RequestSizeLimiter((int) properties.maxRequestBody().toBytes(), deadline));
        // After the aggregator: a body that fails to decode marks the aggregated request failed.
        p.addLast(HttpPipeline.GUARD, guard);
        p.addLast(HttpPipeline.KEEP_ALIVE, new KeepAliveHandler());
        p.addLast(HttpPipeline.READ_THROTTLE, readThrottle);
        // After keep-alive: the validator's refusals must pass it to close the connection.
        p.addLast(HttpPipeline.VALIDATOR, validator);
        p.addLast(HttpPipeline.ROUTER, router);
        p.addLast(HttpPipeline.STATIC_FILES, staticFiles);
        p.addLast(HttpPipeline.EXCEPTIONS, exceptions);
    }
}
