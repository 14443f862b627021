package dev.switchboard.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerProperties;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.admin.username=ops", "switchboard.admin.password=s3cret"})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class ManagementIntegrationTest {

    @Autowired
    Environment environment;

    @TestConfiguration(proxyBeanMethods = false)
    static class SinkListener {
        @Bean
        ListenerDefinition adminSinkListener() {
            return new ListenerDefinition("admin-sink", "test", ListenerProperties.tcp(0), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
                }
            });
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String user, String password)
            throws Exception {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminEndpoint_whenUnauthenticated_thenRefused() throws Exception {
        assertThat(call("GET", "/actuator/listeners", null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/listeners", null, "ops", "wrong").statusCode()).isEqualTo(401);
        assertThat(call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"stop\"}", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void probesAndPrometheus_whenUnauthenticated_thenOpen() throws Exception {
        assertThat(call("GET", "/actuator/health/readiness", null, null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void listeners_whenStoppedAndStarted_thenStateHealthAndAuditFollow(CapturedOutput output) throws Exception {
        HttpResponse<String> list = call("GET", "/actuator/listeners", null, "ops", "s3cret");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\":\"admin-sink\"").contains("\"state\":\"running\"");

        HttpResponse<String> stop = call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"stop\"}", "ops",
                "s3cret");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(stop.body()).contains("\"state\":\"stopped\"");
        assertThat(call("GET", "/actuator/health/readiness", null, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = call("GET", "/actuator/health/readiness", null, "ops", "s3cret");
        assertThat(readiness.body()).contains("\"admin-sink\":\"stopped");

        HttpResponse<String> start = call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"start\"}", "ops",
                "s3cret");
        assertThat(start.body()).contains("\"state\":\"running\"");
        assertThat(output.getOut()).contains("actor=ops action=listener.stop target=admin-sink result=ok")
                .contains("actor=ops action=listener.start target=admin-sink result=ok");
    }

    @Test
    void listeners_whenInvalidInput_thenClientErrorAndNothingChanges(CapturedOutput output) throws Exception {
        assertThat(call("GET", "/actuator/listeners/nope", null, "ops", "s3cret").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/actuator/listeners/nope", "{\"action\":\"stop\"}", "ops", "s3cret").statusCode())
                .isEqualTo(404);
        HttpResponse<String> bad = call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"explode\"}", "ops",
                "s3cret");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(call("GET", "/actuator/listeners/admin-sink", null, "ops", "s3cret").body())
                .contains("\"state\":\"running\"");
        assertThat(output.getOut()).contains("action=listener.explode target=admin-sink result=rejected: action must be start or stop, not explode");
    }
}
