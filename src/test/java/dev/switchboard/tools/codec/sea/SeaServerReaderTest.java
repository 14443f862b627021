package dev.switchboard.tools.codec.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.tools.codec.Octets;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeaServerReaderTest {

    /** TV-03: USERLIST for Bob (self, ID 7) with Alice (ID 5), then ADDUSER Carol (ID 9). */
    private static final String TV03 = "01 00 07 0b 31 39 32 2e 31 36 38 2e 30 2e 36" // USERLIST self 7, "192.168.0.6"
            + "00 02" // count 2
            + "00 07 03 42 6f 62 05 42 4f 42 50 43" // 7 "Bob" "BOBPC"
            + "00 05 05 41 6c 69 63 65 03 50 43 31" // 5 "Alice" "PC1"
            + "00 00" // bridge users
            + "02 00 09 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43"; // ADDUSER 9 "Carol" "CAROL-PC"

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** A stream that hands out one byte per read, as a slow socket may. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    @Test
    void next_whenTv03OneByteAtATime_thenRecordsWithEveryField() throws IOException {
        SeaServerReader reader = new SeaServerReader(trickling(hex(TV03)), 97);

        assertThat(reader.next()).isEqualTo(new SeaServerMessage.UserList(7, Octets.latin1("192.168.0.6"), List.of(
                new SeaServerMessage.User(7, Octets.latin1("Bob"), Octets.latin1("BOBPC")),
                new SeaServerMessage.User(5, Octets.latin1("Alice"), Octets.latin1("PC1"))), 0));
        assertThat(reader.next()).isEqualTo(new SeaServerMessage.AddUser(
                new SeaServerMessage.User(9, Octets.latin1("Carol"), Octets.latin1("CAROL-PC"))));
        assertThat(reader.next()).isNull();
    }

    @Test
    void nextBytes_whenMixedWithRawReads_thenExactWireBytesInOrder() throws IOException {
        byte[] wire = hex("05" + "03 00 09" + "04 00 05 00 00 00 00 02 68 69 00");
        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(wire), 0);

        assertThat(reader.read()).isEqualTo(0x05);
        assertThat(reader.nextBytes()).containsExactly(hex("03 00 09"));
        assertThat(reader.readExactly(4)).containsExactly(hex("04 00 05 00"));
        assertThat(reader.readExactly(10)).containsExactly(hex("00 00 00 02 68 69 00"));
        assertThat(reader.read()).isEqualTo(-1);
    }

    @Test
    void next_whenVersionChangesMidStream_thenEachMessageInItsLayout() throws IOException {
        // TV-07 echo read at v97 (A B msglen), then a v102 big-layout MESSAGE (flags, BE24 length).
        byte[] wire = hex("04 00 05 00 00 00 00 06 48 69 20 61 6c 6c 00" + "04 00 09 01 03 00 00 05 70 72 69 6e 74 00");
        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(wire), 97);

        assertThat(reader.next()).isEqualTo(new SeaServerMessage.Message(5, false, false, 0, Octets.latin1("Hi all")));
        reader.version(102);
        assertThat(reader.next()).isEqualTo(new SeaServerMessage.Message(9, true, true, 3, Octets.latin1("print")));
    }

    @Test
    void next_whenStreamEndsInsideAMessage_thenEofException() {
        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(hex("01 00 07 0b 31")), 0);

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class).hasMessageContaining("code 1");
    }

    @Test
    void next_whenCodeNoServerSends_thenIllegalState() {
        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(hex("00 01")), 0);

        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown server command 0x00");
    }
}
