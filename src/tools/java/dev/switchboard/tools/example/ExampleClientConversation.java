package dev.switchboard.tools.example;

import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.service.Replies;

import java.util.Map;

/** The client side of the example conversation (spec §6.3): stateless, speaks only when spoken to. */
public final class ExampleClientConversation {

    private static final Map<String, String> REPLIES = Map.of(
            ExampleCommands.HI, ExampleCommands.DAD,
            ExampleCommands.CLIMB, ExampleCommands.TOP,
            ExampleCommands.WHO, ExampleCommands.MOM);

    /** Decides what to do with {@code message} received from the server. */
    public ClientAction onMessage(ExampleMessage message) {
        String command = message.command();
        if (command.equals(ExampleCommands.BYE)) {
            return new ClientAction.Finish();
        }
        if (command.equals(ExampleCommands.UNKNOWN) || command.equals(ExampleCommands.INVALID)) {
            return new ClientAction.LogOnly("server answered " + command + " " + message.parameters());
        }
        String answer = REPLIES.get(command);
        if (answer != null) {
            return new ClientAction.Send(Replies.replyTo(message, ExampleMessage.of(answer)));
        }
        return new ClientAction.Send(Replies.unknown(message));
    }
}
