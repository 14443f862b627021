package dev.switchboard.console.web;

import dev.switchboard.console.ConsoleProperties;
import dev.switchboard.console.service.ConsoleOperations;
import dev.switchboard.console.service.ConsoleSnapshots;
import dev.switchboard.core.admin.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.autoconfigure.WebSocketTomcatWebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.HttpRequestHandlerAdapter;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's page and socket, in the management server's context only: listed in
 * {@code META-INF/spring/…ManagementContextConfiguration.imports}, so Actuator loads it into its own child
 * context when {@code management.server.port} differs from {@code server.port} (and into the one context
 * when they are the same). It is deliberately not a {@code @Configuration}: component scanning would
 * otherwise load it into the application context too and serve the console on the application port.
 */
@ConditionalOnBooleanProperty(name = "switchboard.console.enabled", matchIfMissing = true)
public class ConsoleManagementContextConfiguration {

    @Bean
    ConsoleSockets consoleSockets(ConsoleProperties properties, ConsoleSnapshots snapshots, JsonMapper json,
            MeterRegistry meters) {
        return new ConsoleSockets(properties, snapshots, json, meters);
    }

    @Bean
    ConsoleWebSocketHandler consoleWebSocketHandler(ConsoleSockets sockets, ConsoleOperations operations,
            AuditLog audit, JsonMapper json) {
        return new ConsoleWebSocketHandler(sockets, operations, audit, json);
    }

    @Bean
    WebSocketHandlerMapping consoleHandlerMapping(ConsoleSockets sockets, ConsoleWebSocketHandler handler,
            ConsoleProperties properties) {
        WebSocketHttpRequestHandler socket = new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler());
        socket.getHandshakeInterceptors().add(new ConsoleHandshakeInterceptor(sockets, properties.allowedOrigins()));
        ConsoleAssets assets = new ConsoleAssets();
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put(ConsoleAssets.SOCKET_PATH, socket);
        for (String path : ConsoleAssets.paths()) {
            routes.put(path, assets);
        }
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(routes);
        mapping.setOrder(0);
        return mapping;
    }

    /** A separate management server's context has no adapter for plain request handlers of its own. */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    HttpRequestHandlerAdapter consoleHttpRequestHandlerAdapter() {
        return new HttpRequestHandlerAdapter();
    }

    /** A separate management server's Tomcat is built without WebSocket support unless asked for it. */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    WebSocketTomcatWebServerFactoryCustomizer consoleWebSocketServerCustomizer() {
        return new WebSocketTomcatWebServerFactoryCustomizer();
    }
}
