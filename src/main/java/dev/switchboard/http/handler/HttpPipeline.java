package dev.switchboard.http.handler;

import io.netty.channel.ChannelPipeline;
import java.util.List;

/**
 * Names of the HTTP listener's pipeline stages, in pipeline order.
 *
 * <ol>
 *   <li>{@link #IDLE_STATE} — {@link IdleCloseHandler}: closes the connection after the idle timeout
 *       without traffic either way, watching raw reads and write progress (absent when the idle
 *       timeout is zero)</li>
 *   <li>{@link #REQUEST_DEADLINE} — {@link RequestDeadline}: arms the request timeout on a request's
 *       first raw bytes; the aggregator disarms it (absent when the request timeout is zero)</li>
 *   <li>{@link #CODEC} — {@code HttpServerCodec} with the request-line and header limits</li>
 *   <li>{@link #CHUNKED_WRITER} — {@link StreamedBodyWriter} for streamed bodies (never re-entrant);
 *       added here only when a connection first streams a body</li>
 *   <li>{@link #RESPONSE_HEADERS} — adds {@code Date} and {@code Server} to every response</li>
 *   <li>{@link #METRICS} — counts responses by status class</li>
 *   <li>{@link #AGGREGATOR} — request-size bound (413), {@code Expect: 100-continue}, end of the request timeout</li>
 *   <li>{@link #GUARD} — malformed requests → 400 / 414 / 431 and close</li>
 *   <li>{@link #KEEP_ALIVE} — persistence per HTTP version, pipelined answers in order</li>
 *   <li>{@link #READ_THROTTLE} — stops reading while the peer is not draining responses</li>
 *   <li>{@link #VALIDATOR} — 505 for other versions, 400 for a missing or repeated Host</li>
 *   <li>{@link #ROUTER} — hands WebSocket upgrades to an {@link UpgradeRoute}</li>
 *   <li>{@link #STATIC_FILES} — GET/HEAD of static files</li>
 *   <li>{@link #EXCEPTIONS} — the core's tail exception handler</li>
 * </ol>
 *
 * <p>An {@link UpgradeRoute} adds its own stages directly after {@link #ROUTER}.
 */
public final class HttpPipeline {

    /** Idle detection and close; first so that partial requests and write progress count as activity. */
    public static final String IDLE_STATE = "httpIdleState";
    /** Start of the request timeout (408). */
    public static final String REQUEST_DEADLINE = "httpRequestDeadline";
    /** Request decoder and response encoder. */
    public static final String CODEC = "httpCodec";
    /** Writer of chunked (streamed) bodies. */
    public static final String CHUNKED_WRITER = "httpChunkedWriter";
    /** Date and Server response headers. */
    public static final String RESPONSE_HEADERS = "httpResponseHeaders";
    /** Response counter. */
    public static final String METRICS = "httpMetrics";
    /** Request aggregator with the body-size bound. */
    public static final String AGGREGATOR = "httpAggregator";
    /** Answers requests the decoder could not parse. */
    public static final String GUARD = "httpGuard";
    /** Connection persistence. */
    public static final String KEEP_ALIVE = "httpKeepAlive";
    /** Read back-pressure. */
    public static final String READ_THROTTLE = "httpReadThrottle";
    /** Version and Host checks. */
    public static final String VALIDATOR = "httpValidator";
    /** WebSocket upgrade routing; upgrade routes add their stages after this one. */
    public static final String ROUTER = "httpRouter";
    /** Static file serving. */
    public static final String STATIC_FILES = "httpStaticFiles";
    /** Tail exception handler. */
    public static final String EXCEPTIONS = "httpExceptions";

    /**
     * Stages that only make sense while the connection speaks HTTP/1.1 requests and responses;
     * the router removes them before handing a connection to an {@link UpgradeRoute}.
     */
    public static final List<String> REQUEST_STAGES = List.of(
            IDLE_STATE, REQUEST_DEADLINE, AGGREGATOR, GUARD, KEEP_ALIVE, READ_THROTTLE, VALIDATOR, STATIC_FILES);

    /**
     * Stages that handle HTTP responses; an {@link UpgradeRoute} removes them through
     * {@link #removeResponseStages} once its {@code 101} has been written.
     */
    public static final List<String> RESPONSE_STAGES = List.of(RESPONSE_HEADERS, METRICS, CHUNKED_WRITER);

    private HttpPipeline() {
    }

    /**
     * Removes the {@link #RESPONSE_STAGES} from a connection that has switched protocols, so the new
     * protocol's writes no longer pass through them: at once for the header and metrics stages, and
     * for the chunked writer, if the connection has one, as soon as nothing written through it is
     * unfinished. Call on the channel's event loop after the {@code 101} response has been written
     * (the codec is gone by then).
     */
    public static void removeResponseStages(ChannelPipeline pipeline) {
        for (String stage : List.of(RESPONSE_HEADERS, METRICS)) {
            if (pipeline.get(stage) != null) {
                pipeline.remove(stage);
            }
        }
        StreamedBodyWriter.removeWhenDrained(pipeline);
    }
}
