package dev.switchboard.console.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Guards the console socket's opening handshake: the operator must be authenticated (the management
 * port's HTTP Basic), the browser's {@code Origin} must be the management server itself (or one the
 * site allowed), so no other web page can open the socket with the operator's cached credentials and
 * send commands, and the console cap must not be reached.
 */
public final class ConsoleHandshakeInterceptor implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConsoleHandshakeInterceptor.class);

    private final ConsoleSockets consoles;
    private final List<String> allowedOrigins;

    public ConsoleHandshakeInterceptor(ConsoleSockets consoles, List<String> allowedOrigins) {
        this.consoles = consoles;
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getPrincipal() == null) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        String origin = request.getHeaders().getOrigin();
        // Browsers always send Origin on a WebSocket handshake and the console is a browser page, so none is refused too.
        if (origin == null || !(WebUtils.isSameOrigin(request) || allowedOrigins.contains(origin))) {
            log.warn("console handshake from {} refused: {}", request.getRemoteAddress(),
                    origin == null ? "no Origin header" : "origin " + origin + " is not the management server's");
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        if (!consoles.hasRoom()) {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
