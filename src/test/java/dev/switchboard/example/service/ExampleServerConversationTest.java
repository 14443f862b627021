package dev.switchboard.example.service;

import dev.switchboard.example.codec.MessageParser;
import dev.switchboard.example.codec.MessageSerializer;
import dev.switchboard.example.codec.ParseResult;
import dev.switchboard.example.message.ExampleMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §5 and §6.2 on the server's pure decision logic; lines are given and checked as wire text. */
class ExampleServerConversationTest {

    private final ExampleServerConversation server = new ExampleServerConversation(QuitAccess.LOOPBACK);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "DAD, CLIMB",
            "TOP, WHO",
            "MOM, BYE",
            "DAD extra=1, CLIMB",          // extra parameters are ignored (§5)
            "a:b/DAD, CLIMB",              // so is the destination
    })
    void onMessage_whenConversationCommand_thenFixedReply(String line, String reply) {
        assertThat(replyWire(line, PeerKind.REMOTE)).isEqualTo(reply);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HI", "CLIMB", "WHO", "BYE", "HELP", "STOP", "LOG_ROTATE", "LOG", "UNKNOWN",
            "INVALID", "dad", "HI-THERE", "9X"})
    void onMessage_whenAnyOtherCommand_thenUnknownNamingIt(String command) {
        ServerAction action = server.onMessage(parse(command), PeerKind.LOOPBACK);

        assertThat(action).isInstanceOf(ServerAction.Reply.class);
        ServerAction.Reply reply = (ServerAction.Reply) action;
        assertThat(MessageSerializer.serialize(reply.message())).isEqualTo("UNKNOWN command=" + command);
        assertThat(reply.outcome()).isEqualTo(CommandOutcome.UNKNOWN);
        assertThat(reply.warning()).isNull();
    }

    @Test
    void onMessage_whenSentFromPresent_thenReplyIsRoutedBack() {
        assertThat(replyWire("<host:ed_signal FOO", PeerKind.REMOTE)).isEqualTo("host:ed_signal/UNKNOWN command=FOO");
        assertThat(replyWire("<host:ed_signal DAD", PeerKind.REMOTE)).isEqualTo("host:ed_signal/CLIMB");
        // Only a service gets written (§3.4 step 2): a sent-from server alone gives no prefix.
        assertThat(replyWire("<host: DAD", PeerKind.REMOTE)).isEqualTo("CLIMB");
    }

    @Test
    void onMessage_whenSentFromBreaksNameRules_thenUnroutedReplyAndWarning() {
        ServerAction.Reply reply = (ServerAction.Reply) server.onMessage(parse("<my-host:x DAD"), PeerKind.REMOTE);

        assertThat(MessageSerializer.serialize(reply.message())).isEqualTo("CLIMB");
        assertThat(reply.warning()).contains("D4");
    }

    @Test
    void onMessage_whenQuitFromLoopbackOrUnix_thenQuitWithNoReply() {
        assertThat(server.onMessage(parse("QUIT"), PeerKind.LOOPBACK)).isEqualTo(new ServerAction.Quit());
        assertThat(server.onMessage(parse("<h:ed_signal QUIT now=1"), PeerKind.UNIX_SOCKET))
                .isEqualTo(new ServerAction.Quit());
    }

    @Test
    void onMessage_whenQuitFromRemote_thenInvalidReplyRoutedBack() {
        assertThat(replyWire("QUIT", PeerKind.REMOTE))
                .isEqualTo("INVALID command=QUIT;message=QUIT not allowed from this address");
        assertThat(replyWire("<h:ed_signal QUIT", PeerKind.REMOTE))
                .isEqualTo("h:ed_signal/INVALID command=QUIT;message=QUIT not allowed from this address");
    }

    @Test
    void onMessage_whenQuitAccessAnyOrNone_thenConfigDecides() {
        ExampleServerConversation any = new ExampleServerConversation(QuitAccess.ANY);
        ExampleServerConversation none = new ExampleServerConversation(QuitAccess.NONE);

        assertThat(any.onMessage(parse("QUIT"), PeerKind.REMOTE)).isInstanceOf(ServerAction.Quit.class);
        assertThat(none.onMessage(parse("QUIT"), PeerKind.UNIX_SOCKET)).isInstanceOf(ServerAction.Reply.class);
        assertThat(((ServerAction.Reply) none.onMessage(parse("QUIT"), PeerKind.LOOPBACK)).outcome())
                .isEqualTo(CommandOutcome.QUIT_REFUSED);
    }

    @Test
    void greeting_isHi() {
        assertThat(MessageSerializer.serialize(ExampleServerConversation.GREETING)).isEqualTo("HI");
    }

    private String replyWire(String line, PeerKind peer) {
        ServerAction action = server.onMessage(parse(line), peer);
        assertThat(action).isInstanceOf(ServerAction.Reply.class);
        return MessageSerializer.serialize(((ServerAction.Reply) action).message());
    }

    static ExampleMessage parse(String line) {
        return ((ParseResult.Parsed) MessageParser.parse(line)).message();
    }
}
