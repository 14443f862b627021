package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.http.handler.UpgradeRoute;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.rooms.UpgradeRefusal;
import dev.switchboard.rooms.codec.TPacketDecoder;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.RoomsIntake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a rooms WebSocket ({@link UpgradeRoute} of the HTTP listeners): recognises upgrade
 * requests on the configured paths and installs the {@link RoomsPipeline} stages after the HTTP router. Plays the
 * role of the channel initializer for rooms, since rooms shares the HTTP listeners' ports.
 */
public final class RoomsUpgrader implements UpgradeRoute {

    private static final Logger log = LoggerFactory.getLogger(RoomsUpgrader.class);
    /** Name Netty's {@code WebSocketServerHandshaker} gives its frame decoder. */
    private static final String NETTY_FRAME_DECODER = "wsdecoder";
    /** Name of the stage that removes the HTTP response stages once the handshake completes; removes itself too. */
    static final String HTTP_STAGES_REMOVER = "rooms-http-stages-remover";
    private static final HttpStagesRemover HTTP_STAGES_REMOVER_INSTANCE = new HttpStagesRemover();
    /** The {@code protocol} of rooms connections in the core's metrics and logs. */
    public static final String PROTOCOL = "rooms";

    private final RoomsProperties properties;
    private final RoomsIntake rooms;
    /** Whether a cluster decides nick requests and joins, so a connection's later packets wait for them. */
    private final boolean clustered;
    private final ConnectionSlots slots;
    private final RoomsMetrics metrics;
    private final Disconnector disconnector;
    private final RoomsBroadcast broadcast;
    private final TimeoutSweeper sweeper;
    private final Clock clock;
    private final Set<String> paths;
    private final RoomsHeartbeatSettings heartbeat;
    private final RoomsGoodbye goodbye;
    private final TPacketFrameDecoder decoder;
    private final TPacketFrameEncoder encoder = new TPacketFrameEncoder();
    private final MalformedPacketHandler malformed;
    private final TrustGateHandler trustGate;
    private final RoomsSessionHandler session;
    private final RoomsExceptionHandler exceptions;

    public RoomsUpgrader(RoomsProperties properties, RoomsIntake rooms, ConnectionSlots slots, RoomsMetrics metrics,
            Disconnector disconnector, RoomsBroadcast broadcast, TimeoutSweeper sweeper, Clock clock) {
        this(properties, rooms, false, slots, metrics, disconnector, broadcast, sweeper, clock);
    }

    public RoomsUpgrader(RoomsProperties properties, RoomsIntake rooms, boolean clustered, ConnectionSlots slots,
            RoomsMetrics metrics, Disconnector disconnector, RoomsBroadcast broadcast, TimeoutSweeper sweeper,
            Clock clock) {
        this.properties = properties;
        this.rooms = rooms;
        this.clustered = clustered;
        this.slots = slots;
        this.metrics = metrics;
        this.disconnector = disconnector;
        this.broadcast = broadcast;
        this.sweeper = sweeper;
        this.clock = clock;
        this.paths = Set.copyOf(properties.paths());
        this.heartbeat = new RoomsHeartbeatSettings(properties.heartbeatInterval(), properties.heartbeatTimeout());
        this.decoder = new TPacketFrameDecoder(new TPacketDecoder((int) properties.maxMessageSize().toBytes()));
        this.malformed = new MalformedPacketHandler();
        this.trustGate = new TrustGateHandler(rooms, properties.magicString(), properties.maxNickAttempts());
        this.session = new RoomsSessionHandler(rooms, metrics);
        this.exceptions = RoomsExceptionHandler.INSTANCE;
        this.goodbye = new RoomsGoodbye(rooms);
    }

    /** True for a request that asks for a WebSocket ({@code Upgrade: websocket}) on one of the rooms paths. */
    @Override
    public boolean matches(HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return paths.contains(path)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Checks the opening handshake (RFC 6455 §4.2.1: 400, or 426 for another version), then installs the rooms
     * stages after {@code httpCtx} and hands the request to Netty's handshake handler, which answers 101, swaps the
     * HTTP codec for the WebSocket one and drops the HTTP aggregator. Takes ownership of {@code request}. Runs on
     * the channel's event loop.
     */
    @Override
    public void upgrade(ChannelHandlerContext httpCtx, FullHttpRequest request) {
        Channel channel = httpCtx.channel();
        Optional<UpgradeRequestCheck.Refusal> invalid = UpgradeRequestCheck.check(request);
        if (invalid.isPresent()) {
            request.release();
            UpgradeRequestCheck.Refusal refusal = invalid.get();
            log.warn(ChannelLog.format(channel, "refusing WebSocket upgrade with " + refusal.status().code() + ": "
                    + refusal.text()));
            metrics.upgradeRefused(UpgradeRefusal.BAD_HANDSHAKE);
            refuse(httpCtx, refusal.status(), refusal.text(), refusal.headers());
            return;
        }
        if (!rooms.accepting()) {
            request.release();
            log.debug(ChannelLog.format(channel, "rooms state not in sync with the cluster; refusing the upgrade"
                    + " with 503"));
            metrics.upgradeRefused(UpgradeRefusal.CLUSTER_UNAVAILABLE);
            refuse(httpCtx, HttpResponseStatus.SERVICE_UNAVAILABLE, "chat temporarily unavailable, try again later",
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), "5"));
            return;
        }
        if (!slots.tryAcquire()) {
            request.release();
            log.warn(ChannelLog.format(channel, "rooms connection limit " + slots.max()
                    + " reached; refusing the upgrade with 503"));
            metrics.upgradeRefused(UpgradeRefusal.CONNECTION_LIMIT);
            refuse(httpCtx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many chat connections, try again later",
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), "5"));
            return;
        }
        // Member ids count every accepted connection, including ones that never log in (spec §6).
        Connection core = Connection.attach(channel, PROTOCOL, properties.slowConsumerLimit().toBytes(), goodbye,
                disconnector);
        RoomsConnection connection = RoomsConnection.attach(core, rooms.memberIdAtUpgrade(), broadcast, metrics,
                trustGate, session);
        channel.closeFuture().addListener(f -> {
            rooms.disconnected(connection);
            slots.release();
            if (connection.isOpen()) {
                metrics.connectionClosed();
            }
        });

        ChannelPipeline pipeline = channel.pipeline();
        String previous = httpCtx.name();
        previous = add(pipeline, previous, RoomsPipeline.LATE_PING_FILTER, LatePingFilter.INSTANCE);
        previous = add(pipeline, previous, RoomsPipeline.WS_PROTOCOL, new RoomsProtocolHandler(
                protocolConfig(request.uri())));
        previous = add(pipeline, previous, HTTP_STAGES_REMOVER, HTTP_STAGES_REMOVER_INSTANCE);
        previous = add(pipeline, previous, RoomsPipeline.CLOSING_HANDSHAKE,
                new ClosingHandshakeHandler(properties.closingTimeout().toMillis(), core));
        previous = add(pipeline, previous, RoomsPipeline.WS_AGGREGATOR,
                new WebSocketFrameAggregator((int) properties.maxMessageSize().toBytes()));
        previous = add(pipeline, previous, RoomsPipeline.HEARTBEAT,
                new HeartbeatHandler(heartbeat, clock, sweeper, metrics));
        previous = add(pipeline, previous, RoomsPipeline.LOGIN_TIMEOUT,
                new LoginTimeoutHandler(properties.loginTimeout(), clock, sweeper));
        previous = add(pipeline, previous, RoomsPipeline.PACKET_DECODER, decoder);
        previous = add(pipeline, previous, RoomsPipeline.PACKET_ENCODER, encoder);
        previous = add(pipeline, previous, RoomsPipeline.MALFORMED, malformed);
        if (clustered) {
            previous = add(pipeline, previous, RoomsPipeline.AWAIT, new RoomsAwaitHandler());
        }
        previous = add(pipeline, previous, RoomsPipeline.TRUST_GATE, trustGate);
        previous = add(pipeline, previous, RoomsPipeline.SESSION, session);
        add(pipeline, previous, RoomsPipeline.EXCEPTIONS, exceptions);

        // The handshake handler now sits right after httpCtx; it releases the request.
        httpCtx.fireChannelRead(request);
        takeOverBytesReadBehindTheRequest(pipeline);
    }

    /**
     * Netty's handshaker puts its frame decoder in front of {@link HttpServerCodec} and removes the codec only once
     * the 101 is flushed, so frames that came in the same read as the upgrade request (a client sending magic and
     * nick without waiting, spec §4) would be parsed as HTTP and lost. Moving the frame decoder behind the codec and
     * dropping the codec's request decoder now hands those bytes to the frame decoder instead. The decoder is ours
     * ({@link RoomsFrameDecoder}) in every case, so close frames reach the closing-handshake stage unchecked.
     */
    private void takeOverBytesReadBehindTheRequest(ChannelPipeline pipeline) {
        if (pipeline.get(NETTY_FRAME_DECODER) == null) {
            return; // handshake refused: the request is answered as HTTP
        }
        ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
        if (codec == null) {
            pipeline.replace(NETTY_FRAME_DECODER, NETTY_FRAME_DECODER, new RoomsFrameDecoder(decoderConfig()));
            return;
        }
        pipeline.remove(NETTY_FRAME_DECODER);
        pipeline.addAfter(codec.name(), NETTY_FRAME_DECODER, new RoomsFrameDecoder(decoderConfig()));
        // Its handlerRemoved forwards the bytes left in its buffer to the next stage: the frame decoder.
        ((HttpServerCodec) codec.handler()).removeInboundHandler();
    }

    /**
     * Answers the upgrade request with an HTTP error and a one-line text body, then closes: the router removed the
     * keep-alive stage, so nothing else would end the connection.
     */
    private static void refuse(ChannelHandlerContext httpCtx, HttpResponseStatus status, String text,
            Map<String, String> headers) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                httpCtx.alloc().buffer(body.length).writeBytes(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.forEach(response.headers()::set);
        httpCtx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String add(ChannelPipeline pipeline, String after, String name,
            io.netty.channel.ChannelHandler handler) {
        pipeline.addAfter(after, name, handler);
        return name;
    }

    private WebSocketDecoderConfig decoderConfig() {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength((int) properties.maxFrameSize().toBytes())
                .expectMaskedFrames(true)       // RFC 6455 §5.1: unmasked client frames → 1002
                .allowMaskMismatch(false)
                .allowExtensions(false)         // spec §1: no extension is negotiated, so RSV must be 0
                // The exception stage closes with the one close frame (1002, 1007, 1009) through the disconnector.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(true)
                .build();
    }

    private WebSocketServerProtocolConfig protocolConfig(String requestUri) {
        return WebSocketServerProtocolConfig.newBuilder()
                // matches() already chose the path; the handshake handler compares the whole URI.
                .websocketPath(requestUri)
                .subprotocols(null)             // spec §1: no subprotocol is ever selected
                .checkStartsWith(false)
                .handshakeTimeoutMillis(properties.handshakeTimeout().toMillis())
                .handleCloseFrames(false)       // the closing-handshake stage echoes the status once (spec §3)
                // No automatic close frame on ctx.close(): every close we start writes its own status first,
                // and a second frame after Netty's own 1002 would be wrong.
                .sendCloseFrame(null)
                .dropPongFrames(false)          // pongs feed the heartbeat
                .decoderConfig(decoderConfig())
                .build();
    }

    /**
     * Once the {@code 101} is written and Netty has swapped the HTTP codec for the WebSocket one (the handshake's
     * completion event), removes what is left of HTTP (response headers, metrics, chunked writer) and then itself, so
     * every frame written afterwards goes from the rooms stages straight to the frame encoder. Runs on the
     * channel's event loop.
     */
    @Sharable
    private static final class HttpStagesRemover extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            ctx.fireUserEventTriggered(event);
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete && !ctx.isRemoved()) {
                UpgradeRoute.removeHttpResponseStages(ctx.pipeline());
                ctx.pipeline().remove(this);
            }
        }
    }
}
