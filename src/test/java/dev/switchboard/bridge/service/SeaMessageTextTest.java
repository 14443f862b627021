package dev.switchboard.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeaMessageTextTest {

    private final SeaMessageText text = new SeaMessageText(new SeaCharsetText(Charset.forName("windows-1251")));

    @Test
    void plainText_whenAZeroByteFollowsTheText_thenOnlyWhatLegacyClientsShow() {
        // "Hi" 00 then the RTF version a formatting client appends.
        byte[] bytes = HexFormat.of().parseHex("4869007b5c727466317d");

        assertThat(text.plainText(bytes).text()).isEqualTo("Hi");
    }

    @Test
    void plainText_whenTheTextIsRtf_thenItsPlainText() {
        byte[] bytes = "{\\rtf1\\ansi \\'e4\\'e0 yes\\par}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(text.plainText(bytes).text()).isEqualTo("да yes");
    }

    @Test
    void plainText_whenAnUndefinedByte_thenVisibleReplacementCounted() {
        SeaCharsetText.Decoded decoded = text.plainText(new byte[] {'o', (byte) 0x98, 'k'});

        assertThat(decoded.text()).isEqualTo("o\uFFFDk");
        assertThat(decoded.replaced()).isEqualTo(1);
    }
}
