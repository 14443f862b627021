package dev.switchboard.tools.example;

import dev.switchboard.tools.codec.example.ExampleLine;
import dev.switchboard.tools.codec.example.ExampleNames;
import java.util.Map;

/** The client side of the example conversation (spec §6.3): stateless, speaks only when spoken to. */
public final class ExampleClientConversation {

    private static final Map<String, String> REPLIES = Map.of("HI", "DAD", "CLIMB", "TOP", "WHO", "MOM");

    /** Decides what to do with {@code message} received from the server. */
    public ClientAction onMessage(ExampleLine message) {
        String command = message.command();
        if (command.equals("BYE")) {
            return new ClientAction.Finish();
        }
        if (command.equals("UNKNOWN") || command.equals("INVALID")) {
            return new ClientAction.LogOnly("server answered " + command + " " + message.parameters());
        }
        String answer = REPLIES.get(command);
        if (answer != null) {
            return new ClientAction.Send(replyTo(message, ExampleLine.of(answer)));
        }
        return new ClientAction.Send(replyTo(message,
                ExampleLine.of("UNKNOWN").withParameter(ExampleLine.PARAM_COMMAND, command)));
    }

    /**
     * {@code reply} addressed back to the request's sender (§5): server = sent-from server, service =
     * sent-from service; sent-from names a sender may not write are not echoed, so the reply goes unaddressed.
     */
    static ExampleLine replyTo(ExampleLine request, ExampleLine reply) {
        if (!ExampleNames.isSentFrom(request.sentFromServer()) || !ExampleNames.isSentFrom(request.sentFromService())) {
            return reply;
        }
        return reply.withDestination(request.sentFromServer(), request.sentFromService());
    }
}
