package dev.switchboard.tools.seasend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessageTextTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static List<String> read(String hex, int version) throws IOException {
        return read(hex(hex), version);
    }

    private static List<String> read(byte[] bytes, int version) throws IOException {
        SeaServerReader reader = new SeaServerReader(new ByteArrayInputStream(bytes), version);
        ServerMessageText text = new ServerMessageText(Charset.forName("windows-1251"));
        List<String> out = new ArrayList<>();
        for (SeaServerMessage m = reader.next(); m != null; m = reader.next()) {
            out.add(text.describe(m));
        }
        return out;
    }

    @Test
    void next_whenTv03UserListAndAddUser_thenDecoded() throws IOException {
        String nl = System.lineSeparator();
        assertThat(read("01 00 07 0b 31 39 32 2e 31 36 38 2e 30 2e 36 00 02"
                + "00 07 03 42 6f 62 05 42 4f 42 50 43"
                + "00 05 05 41 6c 69 63 65 03 50 43 31"
                + "00 00"
                + "02 00 09 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43", 97)).containsExactly(
                "USERLIST self=7 ip=192.168.0.6 users=2" + nl + "    7 Bob[BOBPC]" + nl + "    5 Alice[PC1]",
                "ADDUSER 9 Carol[CAROL-PC]");
    }

    @Test
    void next_whenTv07EchoForV97AndV102_thenSameText() throws IOException {
        String echo = "04 00 05 00 00 00 00 06 48 69 20 61 6c 6c 00";
        assertThat(read(echo, 97)).containsExactly("MESSAGE from 5 (group, 6 bytes): Hi all");
        assertThat(read(echo, 102)).containsExactly("MESSAGE from 5 (group, 6 bytes): Hi all");
    }

    @Test
    void next_whenTv09PrintersInBothLayouts_thenPrintersShown() throws IOException {
        assertThat(read("04 00 09 01 01 01 00 01 50 00", 97)).containsExactly("MESSAGE from 9 (printers, 1 bytes): P");
        assertThat(read("04 00 09 01 03 00 00 05 70 72 69 6e 74 00", 102))
                .containsExactly("MESSAGE from 9 (printers, flags=0x03, 5 bytes): print");
    }

    @Test
    void next_whenTv08PrivateWithFlags_thenShown() throws IOException {
        assertThat(read("04 00 09 01 02 00 00 02 79 6f 00", 102))
                .containsExactly("MESSAGE from 9 (private, flags=0x02, 2 bytes): yo");
    }

    @Test
    void next_whenTv10BigEchoForV102_thenBe24LengthAndTextUpToNul() throws IOException {
        byte[] bytes = new byte[8 + 70_000 + 1];
        System.arraycopy(hex("04 00 07 00 02 01 11 70 41 41 41 41 00"), 0, bytes, 0, 13);
        Arrays.fill(bytes, 13, bytes.length - 1, (byte) 0x42);

        assertThat(read(bytes, 102)).containsExactly("MESSAGE from 7 (group, flags=0x02, 70000 bytes): AAAA");
    }

    @Test
    void next_whenAllOtherServerCommands_thenDecoded() throws IOException {
        assertThat(read("03 00 09" // DELETEUSER (TV-19)
                + "05" // PONG
                + "06 01 33 31 32 2d 61 02 68 69 61 0b 31 39 32 2e 31 36 38 2e 30 2e 35" // USERINFO (TV-14)
                + "06 00 00 00 00 00 00 00 00 08 31 30 2e 31 2e 31 2e 34" // USERINFO before #4
                + "07 00 09 05 68 65 6c 6c 6f" // CHAT (TV-15)
                + "08 00 07" // CHAT_CANCEL
                + "09 1b 68 74 74 70 3a 2f 2f 65 78 61 6d 70 6c 65 2e 6f 72 67 2f 61 72 63 68 69 76 65 2f" // LINK
                + "0a 00 09" // MUTE (TV-16)
                + "0b 00 05 0c 00 05" // AWAY, UNAWAY
                + "0d 0a 00 00 01" // ALT_SERVER (TV-18)
                + "0e 00 09 04 43 28 72 29", 97)) // RENAME (TV-13)
                .containsExactly("DELETEUSER 9", "PONG",
                        "USERINFO faculty=1 room=312-a info=hi version=97 ip=192.168.0.5",
                        "USERINFO faculty=0 room= info= version=0 ip=10.1.1.4",
                        "CHAT from 9: hello", "CHAT_CANCEL from 7", "LINK http://example.org/archive/",
                        "MUTE by 9", "AWAY 5", "UNAWAY 5", "ALT_SERVER 10.0.0.1", "RENAME 9 C(r)");
    }

    @Test
    void next_whenWindows1251AndControlBytes_thenDecodedAndEscaped() throws IOException {
        assertThat(read("02 00 0b 02 cf f0 03 58 0a 59", 97)).containsExactly("ADDUSER 11 Пр[X\\x0aY]");
    }

    @Test
    void next_whenUnknownCommand_thenClearError() {
        assertThatThrownBy(() -> read("0f 00", 102))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown server command 0x0f");
    }

    @Test
    void next_whenTruncatedOrTerminatorMissing_thenError() {
        assertThatThrownBy(() -> read("04 00 05 00 00 00 00 06 48 69", 97)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read("02 00 07 03 42", 97)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read("04 00 05 00 00 00 00 01 48 01", 97))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminator");
    }
}
