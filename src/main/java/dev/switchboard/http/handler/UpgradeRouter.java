package dev.switchboard.http.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Set;

/**
 * Sends WebSocket upgrade requests on the configured paths to the first {@link UpgradeRoute} that
 * takes them, after removing the HTTP request stages; everything else goes on to the static
 * files. The original ignored {@code Upgrade} and answered with index.html (http-server spec §3).
 */
@Sharable
final class UpgradeRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final List<UpgradeRoute> routes;
    private final Set<String> paths;

    UpgradeRouter(List<UpgradeRoute> routes, Set<String> paths) {
        super(false);
        this.routes = List.copyOf(routes);
        this.paths = Set.copyOf(paths);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (isWebSocketUpgrade(request)) {
            for (UpgradeRoute route : routes) {
                if (route.matches(request)) {
                    ChannelPipeline pipeline = ctx.pipeline();
                    for (String stage : HttpPipeline.REQUEST_STAGES) {
                        if (pipeline.get(stage) != null) {
                            pipeline.remove(stage);
                        }
                    }
                    // Ownership of the request moves to the route.
                    route.upgrade(ctx, request);
                    if (pipeline.context(this) != null) {
                        pipeline.remove(this);
                    }
                    return;
                }
            }
        }
        ctx.fireChannelRead(request);
    }

    private boolean isWebSocketUpgrade(HttpRequest request) {
        if (routes.isEmpty() || !request.method().equals(HttpMethod.GET)
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return false;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        return paths.contains(query < 0 ? uri : uri.substring(0, query));
    }
}
