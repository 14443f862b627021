package dev.switchboard.tools.example;

import dev.switchboard.tools.codec.example.ExampleLine;
import dev.switchboard.tools.codec.example.ExampleLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §6.3 on the client's pure decision logic. */
class ExampleClientConversationTest {

    private final ExampleClientConversation client = new ExampleClientConversation();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "HI, DAD",
            "CLIMB, TOP",
            "WHO, MOM",
            "FOO, UNKNOWN command=FOO",
            "<srv:svc HELLO, srv:svc/UNKNOWN command=HELLO",
            "<srv:svc HI, srv:svc/DAD",
    })
    void onMessage_whenLine_thenReply(String line, String reply) {
        ClientAction action = client.onMessage(parse(line));

        assertThat(action).isInstanceOf(ClientAction.Send.class);
        assertThat(ExampleLines.serialize(((ClientAction.Send) action).message())).isEqualTo(reply);
    }

    @Test
    void onMessage_whenBye_thenFinish() {
        assertThat(client.onMessage(parse("BYE"))).isEqualTo(new ClientAction.Finish());
    }

    @Test
    void onMessage_whenUnknownOrInvalid_thenLogOnlyNeverReply() {
        assertThat(client.onMessage(parse("UNKNOWN command=DAD"))).isInstanceOf(ClientAction.LogOnly.class);
        assertThat(client.onMessage(parse("INVALID command=QUIT"))).isInstanceOf(ClientAction.LogOnly.class);
    }

    private static ExampleLine parse(String line) {
        return ((ExampleLines.Valid) ExampleLines.parse(line)).line();
    }
}
