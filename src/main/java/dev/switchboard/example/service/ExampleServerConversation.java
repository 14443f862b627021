package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;

import java.util.Map;

/**
 * The server side of the example conversation (spec §6.2): stateless, one reply per line, matched by
 * exact, case-sensitive command (spec §5). Thread-safe; it holds only configuration.
 */
public final class ExampleServerConversation {

    /** The line the server sends as soon as a connection is accepted (spec §6.1 step 1). */
    public static final ExampleMessage GREETING = ExampleMessage.of(ExampleCommands.HI);

    /** Our reply to a refused QUIT; documented in docs/example.md. */
    static final String QUIT_REFUSED_TEXT = "QUIT not allowed from this address";

    private static final Map<String, String> REPLIES = Map.of(
            ExampleCommands.DAD, ExampleCommands.CLIMB,
            ExampleCommands.TOP, ExampleCommands.WHO,
            ExampleCommands.MOM, ExampleCommands.BYE);

    private final QuitAccess quitAccess;

    public ExampleServerConversation(QuitAccess quitAccess) {
        this.quitAccess = quitAccess;
    }

    /** Decides what to do with {@code request} received from a peer of kind {@code peer}. */
    public ServerAction onMessage(ExampleMessage request, PeerKind peer) {
        String warning = Replies.canRouteBack(request) ? null
                : "sent-from '<" + request.sentFromServer() + ":" + request.sentFromService()
                        + "' breaks the name rules; replying without routing (spec §10 D4)";
        String command = request.command();
        if (command.equals(ExampleCommands.QUIT)) {
            if (quitAccess.permits(peer)) {
                return new ServerAction.Quit();
            }
            // [DESIGN] INVALID is the protocol's name for "known command, not acceptable"; our client
            // never answers INVALID, so this cannot start a reply loop (spec §6.2 loop hazard).
            ExampleMessage refused = Replies.replyTo(request, ExampleMessage.of(ExampleCommands.INVALID)
                    .withParameter(ExampleCommands.PARAM_COMMAND, ExampleCommands.QUIT)
                    .withParameter(ExampleCommands.PARAM_MESSAGE, QUIT_REFUSED_TEXT));
            String why = "QUIT refused from a " + peer.name().toLowerCase() + " peer (quit-allowed-from="
                    + quitAccess.name().toLowerCase() + ")";
            return new ServerAction.Reply(refused, CommandOutcome.QUIT_REFUSED,
                    warning == null ? why : why + "; " + warning);
        }
        String answer = REPLIES.get(command);
        if (answer != null) {
            return new ServerAction.Reply(Replies.replyTo(request, ExampleMessage.of(answer)),
                    CommandOutcome.CONVERSATION, warning);
        }
        return new ServerAction.Reply(Replies.unknown(request), CommandOutcome.UNKNOWN, warning);
    }
}
