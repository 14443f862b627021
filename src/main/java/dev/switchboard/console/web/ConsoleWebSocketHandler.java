package dev.switchboard.console.web;

import dev.switchboard.console.service.ConsoleCommand;
import dev.switchboard.console.service.ConsoleOperations;
import dev.switchboard.console.service.ConsoleOperations.CommandResult;
import dev.switchboard.core.admin.AuditLog;
import java.io.IOException;
import java.security.Principal;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One console socket: snapshots go out through {@link ConsoleSockets}; commands come in as JSON, run
 * as the operator who opened the socket, audited with {@code via=console}, and are answered with a
 * {@code result} message carrying the REST call's status and body.
 */
public final class ConsoleWebSocketHandler extends TextWebSocketHandler {

    /** The audit marker of actions taken from the console. */
    public static final String VIA = "console";
    /** Largest command message; a longer one closes the socket with 1009. */
    static final int MAX_COMMAND_BYTES = 4096;

    private static final Logger log = LoggerFactory.getLogger(ConsoleWebSocketHandler.class);

    private final ConsoleSockets consoles;
    private final ConsoleOperations operations;
    private final AuditLog audit;
    private final JsonMapper json;

    public ConsoleWebSocketHandler(ConsoleSockets consoles, ConsoleOperations operations, AuditLog audit,
            JsonMapper json) {
        this.consoles = consoles;
        this.operations = operations;
        this.audit = audit;
        this.json = json;
    }

    /** The answer to one command; {@code id} is the one the console sent. */
    public record Reply(String type, Long id, String command, int status, Object body) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        session.setTextMessageSizeLimit(MAX_COMMAND_BYTES);
        if (!consoles.open(session)) {
            session.close(ConsoleSockets.TOO_MANY);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ConsoleCommand command;
        try {
            command = json.readValue(message.getPayload(), ConsoleCommand.class);
        } catch (JacksonException e) {
            consoles.reply(session, new Reply("result", null, null, 400,
                    new ConsoleOperations.Error(400, "a command is a JSON object: " + e.getOriginalMessage())));
            return;
        }
        if ("query".equals(command.command())) {
            consoles.query(session, command.query());
            return;
        }
        CommandResult result;
        try {
            result = asOperator(session.getPrincipal(), () -> audit.via(VIA, () -> command.execute(operations)));
        } catch (RuntimeException e) {
            // Already audited as failed; the console gets the REST call's 500, and its socket stays open.
            log.warn("console command {} of {} failed: {}", command.command(), session.getId(), e.toString());
            result = new CommandResult(500, new ConsoleOperations.Error(500, "failed: " + e.getMessage()));
        }
        consoles.reply(session, new Reply("result", command.id(), command.command(), result.status(), result.body()));
        if (result.status() < 300) {
            consoles.refreshAll();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("console {} transport error: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        consoles.closed(session);
    }

    /** Runs {@code work} with the socket's operator as the security principal, so the audit names them. */
    private static CommandResult asOperator(Principal principal, Supplier<CommandResult> work) {
        if (!(principal instanceof Authentication operator) || !operator.isAuthenticated()) {
            return new CommandResult(401, new ConsoleOperations.Error(401, "not authenticated"));
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(operator);
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            // Socket messages arrive on pooled container threads that carry no request's context.
            SecurityContextHolder.clearContext();
        }
    }
}
