package dev.switchboard.tools.codec.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.example.codec.MessageParser;
import dev.switchboard.example.codec.MessageSerializer;
import dev.switchboard.example.codec.ParseResult;
import dev.switchboard.example.message.ExampleMessage;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The client codec and the gateway's own example codec, written separately from the same spec, agree:
 * on any line both accept or both reject, with the same fields; on any message a sender may write both
 * produce the same wire text, and the client reads it back unchanged.
 */
class ExampleLinesAgreementFuzzTest {

    @Property
    void parse_whenAnyLine_thenSameVerdictAndFieldsAsTheServer(@ForAll("lines") String line) {
        ParseResult server = MessageParser.parse(line);
        ExampleLines.Parsed client = ExampleLines.parse(line);

        if (server instanceof ParseResult.Parsed parsed) {
            assertThat(client).as(line).isEqualTo(new ExampleLines.Valid(fromServer(parsed.message())));
        } else {
            assertThat(client).as(line).isInstanceOf(ExampleLines.Invalid.class);
        }
    }

    @Property
    void serialize_whenAnyWritableMessage_thenSameTextAsTheServerAndReadBack(@ForAll("messages") ExampleLine line) {
        ExampleMessage server = new ExampleMessage(line.sentFromServer(), line.sentFromService(), line.server(),
                line.service(), line.command(), line.parameters());
        String wire = ExampleLines.serialize(line);

        assertThat(wire).isEqualTo(MessageSerializer.serialize(server));
        ExampleLines.Parsed back = ExampleLines.parse(wire);
        assertThat(back).isInstanceOf(ExampleLines.Valid.class);
        ExampleLine read = ((ExampleLines.Valid) back).line();
        assertThat(read.command()).isEqualTo(line.command());
        assertThat(read.sentFromServer()).isEqualTo(line.sentFromServer());
        assertThat(read.sentFromService()).isEqualTo(line.sentFromService());
    }

    private static ExampleLine fromServer(ExampleMessage m) {
        return new ExampleLine(m.sentFromServer(), m.sentFromService(), m.server(), m.service(), m.command(),
                m.parameters());
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("Aa1_:/<=; \"\\nr\t{").ofMaxLength(30);
    }

    @Provide
    Arbitrary<ExampleLine> messages() {
        Arbitrary<String> name = Arbitraries.strings().withChars("AZaz_09").ofMinLength(1).ofMaxLength(6)
                .filter(ExampleNames::isParameter);
        Arbitrary<String> command = name.map(n -> n.toUpperCase(java.util.Locale.ROOT)).filter(ExampleNames::isCommand);
        Arbitrary<String> optional = Arbitraries.oneOf(Arbitraries.just(""), name);
        Arbitrary<String> value = Arbitraries.strings().withChars("ab ;=\"\\\n\r\t").ofMaxLength(8);
        Arbitrary<Map<String, String>> parameters = Arbitraries.maps(name, value).ofMaxSize(4);
        return Combinators.combine(optional, optional, optional, optional, command, parameters)
                .as((fromServer, fromService, server, service, cmd, params) -> new ExampleLine(fromServer,
                        fromService, server, service, cmd, new java.util.TreeMap<>(params)));
    }
}
