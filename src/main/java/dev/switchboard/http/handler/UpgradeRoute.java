package dev.switchboard.http.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A protocol that takes over an HTTP connection through a WebSocket upgrade (the rooms chat).
 *
 * <p>Contribute implementations as beans; the HTTP channel initializer receives them all as a
 * {@code List<UpgradeRoute>}. The router only consults routes for a {@code GET} carrying
 * {@code Upgrade: websocket} whose path (query ignored) is one of
 * {@code switchboard.http.websocket-paths}; the first route whose {@link #matches} is true gets
 * the request. With no route, or none matching, the request is served as an ordinary GET.
 * Netty's {@code WebSocketServerProtocolHandler} compares the whole URI (query included) unless
 * configured with {@code checkStartsWith(true)}; a route that installs it must allow for the
 * query the router ignored.
 *
 * <p>Both methods run on the channel's event loop.
 */
public interface UpgradeRoute {

    /** Protocol tag of a connection before a route takes it over, as the HTTP listeners and metrics show it. */
    String HTTP_PROTOCOL = "http";

    /**
     * Whether this route takes the upgrade request. Must not keep or release {@code request}.
     */
    boolean matches(HttpRequest request);

    /**
     * Takes over the connection. When this is called the router has already removed the HTTP
     * request stages ({@link HttpPipeline#REQUEST_STAGES}: idle and request timeouts, aggregator,
     * guard, keep-alive, read throttle, validator, static files); {@link HttpPipeline#CODEC}, the
     * {@link HttpPipeline#RESPONSE_STAGES} (response headers, metrics, and the chunked writer if the
     * connection streamed a body), the router and {@link HttpPipeline#EXCEPTIONS} remain. So the
     * route owns idle detection of the upgraded connection, and once its {@code 101} has been
     * written it calls {@link #removeHttpResponseStages} so that no HTTP stage stays in the path of
     * the new protocol's writes.
     *
     * <p>The route adds its stages after {@code ctx.name()} (for example a
     * {@code WebSocketServerProtocolHandler} and its own handlers), then hands the request on
     * with {@code ctx.fireChannelRead(request)} so the handshake answers it. The route owns
     * {@code request}: it passes it on or releases it. If it refuses the upgrade, it writes an
     * HTTP error response itself and closes the channel. The router removes itself once this
     * method returns.
     */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request);

    /**
     * Removes what is left of HTTP from a connection whose {@code 101} has been written and whose
     * codec is gone ({@link HttpPipeline#removeResponseStages}). Call on the channel's event loop.
     */
    static void removeHttpResponseStages(ChannelPipeline pipeline) {
        HttpPipeline.removeResponseStages(pipeline);
    }
}
