package dev.switchboard.tools.seasend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessagePayloadTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void payload_whenRtfAndAttachment_thenLaidOutAsClientsDo() {
        MessagePayload p = MessagePayload.of(ascii("hi"), ascii("{\\rtf1}"), ascii("a.txt"), 0x01020304L, ascii("DATA"));

        assertThat(p.payload()).containsExactly(hex(
                "68 69" // text "hi"
                        + "00 7b 5c 72 74 66 31 7d" // 00, RTF "{\rtf1}"
                        + "00 46 49 4c 45" // 00 "FILE"
                        + "01 02 03 04" // mtime BE32
                        + "05 61 2e 74 78 74" // str8 "a.txt"
                        + "44 41 54 41")); // data
        assertThat(p.text()).containsExactly(ascii("hi"));
    }
}
