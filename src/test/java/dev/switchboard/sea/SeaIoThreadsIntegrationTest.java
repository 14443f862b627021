package dev.switchboard.sea;

import dev.switchboard.sea.support.SeaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.sea.support.Hex.bytes;

/**
 * SEA with several I/O loops ({@code io-threads: 3}): connections spread over the loops still reach one roster,
 * so roster changes and messages reach every client, each client's in its own order.
 */
@SpringBootTest(properties = {
        "switchboard.sea.listener.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.sea.io-threads=3",
        "switchboard.sea.connection-classes[0]=127.0.0.0/8:30:10:100000",
})
@Timeout(60)
class SeaIoThreadsIntegrationTest {

    @Autowired
    Environment environment;

    private final List<SeaTestClient> clients = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (SeaTestClient c : clients) {
            c.close();
        }
    }

    private SeaTestClient connect() throws IOException {
        SeaTestClient c = SeaTestClient.connect(environment.getRequiredProperty("local.switchboard.sea.port",
                Integer.class));
        clients.add(c);
        return c;
    }

    private static String id(SeaTestClient c) {
        return String.format("%02x %02x", c.id() >> 8, c.id() & 0xFF);
    }

    @Test
    void message_whenClientsAreSpreadOverSeveralLoops_thenEveryOneGetsTheRosterAndTheMessages() throws IOException {
        SeaTestClient a = connect();
        a.login("A", "A");
        SeaTestClient b = connect();
        b.login("B", "B");
        SeaTestClient c = connect();
        c.login("C", "C");
        a.expect("02 " + id(b) + " 01 42 01 42");
        a.expect("02 " + id(c) + " 01 43 01 43");
        b.expect("02 " + id(c) + " 01 43 01 43");
        // Two group messages from C in one write: everyone gets both, in order.
        c.send(bytes("00 00 08 02 00 00 00 00 00 01 31", "00 00 08 02 00 00 00 00 00 01 32"));
        for (SeaTestClient each : List.of(a, b, c)) {
            each.expect("04 " + id(c) + " 00 00 00 00 01 31 00");
            each.expect("04 " + id(c) + " 00 00 00 00 01 32 00");
        }
        b.close();
        a.expect("03 " + id(b));
        c.expect("03 " + id(b));
        a.expectNothingMore();
    }
}
