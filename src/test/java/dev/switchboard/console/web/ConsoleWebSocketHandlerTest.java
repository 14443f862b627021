package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.console.ConsoleProperties;
import dev.switchboard.console.service.AuditRing;
import dev.switchboard.console.service.ConsoleOperations;
import dev.switchboard.console.service.ConsoleSnapshots;
import dev.switchboard.core.admin.AuditLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.json.JsonMapper;

@Timeout(60)
class ConsoleWebSocketHandlerTest {

    private final AuditLog audit = new AuditLog();
    private final AuditRing ring = new AuditRing(10);
    private final List<String> calls = new ArrayList<>();
    private final ConsoleSockets sockets = new ConsoleSockets(
            new ConsoleProperties(true, 4, Duration.ofMinutes(1), DataSize.ofMegabytes(1), Duration.ofSeconds(10),
                    50, 200, 100, List.of()),
            new ConsoleSnapshots(new QuietSources(), ring, Clock.systemUTC(), 50, 200),
            JsonMapper.builder().build(), new SimpleMeterRegistry());

    /** Operations that behave like the endpoints: audited through {@link AuditLog#run}. */
    private final ConsoleOperations operations = new ConsoleOperations() {
        private CommandResult run(String action, String target, java.util.function.Supplier<Object> work) {
            calls.add(action + " " + target);
            WebEndpointResponse<Object> response = audit.run(action, target, work);
            return new CommandResult(response.getStatus(), response.getBody());
        }

        @Override
        public CommandResult kill(String session, boolean ban) {
            return run("session.kill", session, () -> {
                throw new IllegalStateException("SEA roster did not answer within PT5S");
            });
        }

        @Override
        public CommandResult kick(String session) {
            return run("rooms.kick", session, () -> "kicked");
        }

        @Override
        public CommandResult ban(String address, String timeout, Boolean permanent) {
            return run("bans.add", address, () -> address);
        }

        @Override
        public CommandResult unban(String address) {
            return run("bans.remove", address, () -> address);
        }

        @Override
        public CommandResult addBlacklistPattern(String pattern) {
            return run("blacklist.add", pattern, () -> pattern);
        }

        @Override
        public CommandResult removeBlacklistPattern(String pattern) {
            return run("blacklist.remove", pattern, () -> pattern);
        }

        @Override
        public CommandResult listener(String name, String action) {
            return run("listener." + action, name, () -> name);
        }
    };
    private final ConsoleWebSocketHandler handler = new ConsoleWebSocketHandler(sockets, operations, audit,
            JsonMapper.builder().build());

    ConsoleWebSocketHandlerTest() {
        audit.addListener(ring);
        sockets.start();
    }

    @AfterEach
    void stop() {
        sockets.stop();
    }

    private FakeConsoleSocket connect(Principal principal) throws Exception {
        FakeConsoleSocket socket = new FakeConsoleSocket("s", false, principal);
        handler.afterConnectionEstablished(socket);
        return socket;
    }

    private static String lastResult(FakeConsoleSocket socket) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> socket.received.stream().anyMatch(m -> m.startsWith("{\"type\":\"result\"")));
        return socket.received.stream().filter(m -> m.startsWith("{\"type\":\"result\"")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void command_whenFromTheOperator_thenRunsAsThemMarkedConsoleAndLeavesNoContextBehind() throws Exception {
        FakeConsoleSocket socket = connect(UsernamePasswordAuthenticationToken.authenticated("ops", null, List.of()));
        handler.handleTextMessage(socket, new TextMessage("{\"id\":4,\"command\":\"kick\",\"session\":\"ab12\"}"));

        assertThat(lastResult(socket)).contains("\"id\":4").contains("\"status\":200").contains("\"body\":\"kicked\"");
        AuditLog.Entry entry = ring.recent().get(0);
        assertThat(entry.actor()).isEqualTo("ops");
        assertThat(entry.action()).isEqualTo("rooms.kick");
        assertThat(entry.via()).isEqualTo("console");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void command_whenTheOperationFails_thenAnswered500AuditedAsFailedAndTheSocketStaysOpen() throws Exception {
        FakeConsoleSocket socket = connect(UsernamePasswordAuthenticationToken.authenticated("ops", null, List.of()));
        handler.handleTextMessage(socket, new TextMessage("{\"id\":5,\"command\":\"kill\",\"session\":\"ab12\"}"));

        assertThat(lastResult(socket)).contains("\"status\":500").contains("SEA roster did not answer");
        assertThat(ring.recent().get(0).result()).startsWith("failed: ");
        assertThat(ring.recent().get(0).via()).isEqualTo("console");
        assertThat(socket.closedWith).isNull();
    }

    @Test
    void command_whenTheSocketHasNoAuthenticatedOperator_thenRefusedAndNothingRuns() throws Exception {
        FakeConsoleSocket socket = connect(() -> "someone");
        handler.handleTextMessage(socket, new TextMessage("{\"id\":6,\"command\":\"kick\",\"session\":\"ab12\"}"));

        assertThat(lastResult(socket)).contains("\"status\":401");
        assertThat(calls).isEmpty();
        assertThat(ring.recent()).isEmpty();
    }

    @Test
    void message_whenNotACommand_thenBadRequestAndNothingRuns() throws Exception {
        FakeConsoleSocket socket = connect(UsernamePasswordAuthenticationToken.authenticated("ops", null, List.of()));
        handler.handleTextMessage(socket, new TextMessage("[1,2"));

        assertThat(lastResult(socket)).contains("\"status\":400").contains("a command is a JSON object");
        assertThat(calls).isEmpty();
    }
}
