package dev.switchboard.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
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
import org.springframework.util.unit.DataSize;

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

        @Bean
        ListenerDefinition adminOffListener() {
            ListenerProperties disabled = new ListenerProperties(false, Transport.TCP, "127.0.0.1", 0, null, 1024,
                    DataSize.ofKilobytes(32), DataSize.ofKilobytes(64));
            return new ListenerDefinition("admin-off", "test", disabled, new ChannelInitializer<>() {
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
    void stop_whenListenerDisabled_thenOkAndStillDisabledAndReadinessUnchanged(CapturedOutput output)
            throws Exception {
        assertThat(call("GET", "/actuator/listeners/admin-off", null, "ops", "s3cret").body())
                .contains("\"state\":\"disabled\"");

        HttpResponse<String> stop = call("POST", "/actuator/listeners/admin-off", "{\"action\":\"stop\"}", "ops",
                "s3cret");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(stop.body()).contains("\"state\":\"disabled\"");
        assertThat(call("GET", "/actuator/listeners/admin-off", null, "ops", "s3cret").body())
                .contains("\"state\":\"disabled\"");
        assertThat(call("GET", "/actuator/listeners", null, "ops", "s3cret").body())
                .doesNotContain("\"name\":\"admin-off\",\"state\":\"stopped\"");
        assertThat(call("GET", "/actuator/health/readiness", null, null, null).statusCode()).isEqualTo(200);
        assertThat(output.getOut()).contains("actor=ops action=listener.stop target=admin-off result=ok");
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
        assertThat(output.getOut()).contains("action=listener.explode target=admin-sink result=\"rejected: action must be start or stop, not explode\"");
    }

    @Test
    void unknownFieldsAndTypeErrors_whenSent_thenJsonErrorNamingTheFieldAndNothingChanges(CapturedOutput output)
            throws Exception {
        HttpResponse<String> unknown = call("POST", "/actuator/listeners/admin-sink",
                "{\"action\":\"stop\",\"force\":true}", "ops", "s3cret");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"force\"").contains("unknown field force")
                .contains("accepted: name, action");
        HttpResponse<String> wrongType = call("DELETE", "/actuator/sessions/deadbeef?ban=maybe", null, "ops",
                "s3cret");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"ban\"").contains("cannot read maybe as true or false");
        HttpResponse<String> missing = call("POST", "/actuator/listeners/admin-sink", "{}", "ops", "s3cret");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"action\"").contains("missing field action");
        HttpResponse<String> badLevel = call("POST", "/actuator/loggers/dev.switchboard",
                "{\"configuredLevel\":\"LOUD\"}", "ops", "s3cret");
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(badLevel.body()).contains("\"field\":\"configuredLevel\"");
        HttpResponse<String> unknownQuery = call("GET", "/actuator/sessions?protocl=sea", null, "ops", "s3cret");
        assertThat(unknownQuery.statusCode()).isEqualTo(400);
        assertThat(unknownQuery.body()).contains("\"field\":\"protocl\"");

        assertThat(call("GET", "/actuator/listeners/admin-sink", null, "ops", "s3cret").body())
                .contains("\"state\":\"running\"");
        assertThat(output.getOut()).contains("action=listeners.write")
                .contains("result=\"rejected: unknown field force");
    }

    @Test
    void sessions_whenUnknownProtocolOrSession_thenJsonErrors() throws Exception {
        HttpResponse<String> protocol = call("GET", "/actuator/sessions?protocol=gopher", null, "ops", "s3cret");
        assertThat(protocol.statusCode()).isEqualTo(400);
        assertThat(protocol.body()).contains("\"field\":\"protocol\"").contains("unknown protocol gopher")
                .contains("example").contains("rooms").contains("sea").contains("http");
        for (String known : new String[] {"sea", "rooms", "http", "example"}) {
            assertThat(call("GET", "/actuator/sessions?protocol=" + known, null, "ops", "s3cret").statusCode())
                    .as(known).isEqualTo(200);
        }
        HttpResponse<String> session = call("GET", "/actuator/sessions/deadbeef", null, "ops", "s3cret");
        assertThat(session.statusCode()).isEqualTo(404);
        assertThat(session.body()).isEqualTo("{\"status\":404,\"error\":\"no session deadbeef\"}");
        HttpResponse<String> metric = call("GET", "/actuator/metrics/no.such.metric", null, "ops", "s3cret");
        assertThat(metric.statusCode()).isEqualTo(404);
        assertThat(metric.body()).isEqualTo("{\"status\":404,\"error\":\"nothing at /actuator/metrics/no.such.metric\"}");
        HttpResponse<String> listener = call("GET", "/actuator/listeners/nope", null, "ops", "s3cret");
        assertThat(listener.body()).isEqualTo("{\"status\":404,\"error\":\"no listener named nope\"}");
    }

    @Test
    void loggers_whenLevelChanged_thenAudited(CapturedOutput output) throws Exception {
        HttpResponse<String> set = call("POST", "/actuator/loggers/dev.switchboard.audit-test",
                "{\"configuredLevel\":\"DEBUG\"}", "ops", "s3cret");
        assertThat(set.statusCode()).isEqualTo(204);
        call("POST", "/actuator/loggers/dev.switchboard.audit-test", "{}", "ops", "s3cret");

        assertThat(output.getOut())
                .contains("actor=ops action=loggers.write target=dev.switchboard.audit-test result=\"ok configuredLevel=DEBUG\"")
                .contains("actor=ops action=loggers.write target=dev.switchboard.audit-test result=\"ok configuredLevel=null\"");
    }

    @Test
    void audit_whenFieldsCarryNewlinesNulOrFakeFields_thenEachActionIsOneEscapedLine(CapturedOutput output)
            throws Exception {
        call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"stop\\nactor=root action=forged\"}",
                "ops", "s3cret");
        call("POST", "/actuator/listeners/admin-sink", "{\"action\":\"x\\u0000y\\u202e \\\"q\\\"\"}", "ops",
                "s3cret");

        String out = output.getOut();
        assertThat(out).doesNotContain("\u0000").doesNotContain("\u202e");
        assertThat(out.lines().filter(l -> l.startsWith("actor=root") || l.contains(" actor=root action=forged ")))
                .isEmpty();
        assertThat(out).contains("action=\"listener.stop\\u000aactor=root action=forged\"")
                .contains("action=\"listener.x\\u0000y\\u202e \\\"q\\\"\"");
    }

    @Test
    void body_whenNotAJsonObjectOrFieldHoldsAStructure_thenJsonErrorNamingTheFieldWhenKnown() throws Exception {
        HttpResponse<String> nested = call("POST", "/actuator/listeners/admin-sink", "{\"action\":[\"stop\"]}", "ops",
                "s3cret");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("\"field\":\"action\"").contains("single value");
        for (String body : new String[] {"{\"action\":", "[\"stop\"]", "stop"}) {
            HttpResponse<String> broken = call("POST", "/actuator/listeners/admin-sink", body, "ops", "s3cret");
            assertThat(broken.statusCode()).as(body).isEqualTo(400);
            assertThat(broken.body()).as(body).startsWith("{\"status\":400,\"error\":\"the body must be one JSON object");
        }
        assertThat(call("GET", "/actuator/listeners/admin-sink", null, "ops", "s3cret").body())
                .contains("\"state\":\"running\"");
    }
}
