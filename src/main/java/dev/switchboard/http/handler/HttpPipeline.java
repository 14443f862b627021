package dev.switchboard.http.handler;

import java.util.List;

/**
 * Names of the HTTP listener's pipeline stages, in pipeline order.
 *
 * <ol>
 *   <li>{@link #IDLE_STATE} — {@code IdleStateHandler} watching raw reads and write progress
 *       (absent when the idle timeout is zero)</li>
 *   <li>{@link #REQUEST_DEADLINE} — arms the request timeout on a request's first raw bytes
 *       (absent when the request timeout is zero)</li>
 *   <li>{@link #CODEC} — {@code HttpServerCodec} with the request-line and header limits</li>
 *   <li>{@link #CHUNKED_WRITER} — {@link StreamedBodyWriter} for streamed bodies (never re-entrant)</li>
 *   <li>{@link #RESPONSE_HEADERS} — adds {@code Date} and {@code Server} to every response</li>
 *   <li>{@link #METRICS} — counts responses by status class</li>
 *   <li>{@link #IDLE_CLOSE} — closes the connection on the idle event</li>
 *   <li>{@link #AGGREGATOR} — request-size bound (413), {@code Expect: 100-continue}</li>
 *   <li>{@link #REQUEST_COMPLETE} — disarms the request timeout once the request is complete</li>
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

    /** Idle detection; first so that partial requests and write progress count as activity. */
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
    /** Closer of idle connections. */
    public static final String IDLE_CLOSE = "httpIdleClose";
    /** Request aggregator with the body-size bound. */
    public static final String AGGREGATOR = "httpAggregator";
    /** End of the request timeout. */
    public static final String REQUEST_COMPLETE = "httpRequestComplete";
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
            IDLE_STATE, REQUEST_DEADLINE, IDLE_CLOSE, AGGREGATOR, REQUEST_COMPLETE, GUARD, KEEP_ALIVE, READ_THROTTLE,
            VALIDATOR, STATIC_FILES);

    private HttpPipeline() {
    }
}
