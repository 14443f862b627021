package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.ListenerRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class CoreIntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    ListenerRegistry registry;

    @TestConfiguration(proxyBeanMethods = false)
    static class EchoListener {
        @Bean
        ListenerDefinition coreEchoListener() {
            return new ListenerDefinition("core-echo", "test", ListenerProperties.tcp(0), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    });
                }
            });
        }
    }

    private String get(String path) throws Exception {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void listener_whenContextStarted_thenBoundOnPublishedPortAndServing() throws Exception {
        int port = environment.getRequiredProperty("local.switchboard.core-echo.port", Integer.class);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("hi");
        }
    }

    @Test
    void health_whenStarted_thenUpWithProbeGroups() throws Exception {
        assertThat(get("/actuator/health")).startsWith("200 ").contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness")).startsWith("200 ");
        assertThat(get("/actuator/health/readiness")).startsWith("200 ");
    }

    @Test
    void prometheus_whenListenerBound_thenExposesListenerMeters() throws Exception {
        String body = get("/actuator/prometheus");
        assertThat(body).startsWith("200 ")
                .contains("switchboard_listener_connections{listener=\"core-echo\",protocol=\"test\"}")
                .contains("switchboard_listener_up{listener=\"core-echo\",protocol=\"test\"} 1.0")
                .contains("switchboard_netty_allocator_used_bytes{memory=\"direct\"}")
                .contains("switchboard_netty_event_loop_pending_tasks{group=\"workers\",loop=\"0\"}");
    }

    @Test
    void registry_whenStoppedAndStarted_thenRebindsAndRepublishesPort() {
        registry.stop("core-echo", true);
        assertThat(registry.find("core-echo").orElseThrow().isRunning()).isFalse();
        registry.start("core-echo");
        int port = environment.getRequiredProperty("local.switchboard.core-echo.port", Integer.class);
        assertThat(registry.find("core-echo").orElseThrow().port()).isEqualTo(port);
    }
}
