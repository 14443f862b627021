package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.message.NameRules;

/** Reply-to routing (spec §5) shared by the server and the client. */
public final class Replies {

    private Replies() {
    }

    /** Whether the request's sent-from names may be echoed as a destination (§10 D4). */
    public static boolean canRouteBack(ExampleMessage request) {
        return NameRules.isValidSentFromName(request.sentFromServer())
                && NameRules.isValidSentFromName(request.sentFromService());
    }

    /**
     * {@code reply} addressed to the request's sender: server = sent-from server, service = sent-from
     * service. When those names break the rules REF crashes (D4); we reply without a prefix instead.
     */
    public static ExampleMessage replyTo(ExampleMessage request, ExampleMessage reply) {
        if (!canRouteBack(request)) {
            return reply;
        }
        return reply.withDestination(request.sentFromServer(), request.sentFromService());
    }

    /** {@code UNKNOWN command=<cmd>} routed back to the sender (spec §5). */
    public static ExampleMessage unknown(ExampleMessage request) {
        return replyTo(request, ExampleMessage.of(ExampleCommands.UNKNOWN)
                .withParameter(ExampleCommands.PARAM_COMMAND, request.command()));
    }
}
