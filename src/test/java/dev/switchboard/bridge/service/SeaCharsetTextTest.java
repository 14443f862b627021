package dev.switchboard.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeaCharsetTextTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final SeaCharsetText cp1251 = new SeaCharsetText(Charset.forName("windows-1251"));

    @Test
    void toSea_whenCyrillic_thenWindows1251Bytes() {
        SeaCharsetText.Encoded encoded = cp1251.toSea("Привет, bob");

        assertThat(HEX.formatHex(encoded.bytes())).isEqualTo("cf f0 e8 e2 e5 f2 2c 20 62 6f 62");
        assertThat(encoded.replaced()).isZero();
    }

    @Test
    void toSea_whenACharacterHasNoByte_thenAVisibleQuestionMarkCountedOncePerCharacter() {
        SeaCharsetText.Encoded encoded = cp1251.toSea("a\uD83D\uDE42b\u4E2D");

        assertThat(new String(encoded.bytes(), StandardCharsets.US_ASCII)).isEqualTo("a?b?");
        assertThat(encoded.replaced()).isEqualTo(2);
    }

    @Test
    void toUnicode_whenCyrillicBytes_thenTheText() {
        SeaCharsetText.Decoded decoded = cp1251.toUnicode(HEX.parseHex("cf f0 e8 e2 e5 f2"));

        assertThat(decoded.text()).isEqualTo("Привет");
        assertThat(decoded.replaced()).isZero();
    }

    @Test
    void toUnicode_whenAByteTheCharsetDoesNotDefine_thenReplacementCharacterCounted() {
        // 0x98 is the one code point Windows-1251 leaves undefined.
        SeaCharsetText.Decoded decoded = cp1251.toUnicode(HEX.parseHex("61 98 62"));

        assertThat(decoded.text()).isEqualTo("a\uFFFDb");
        assertThat(decoded.replaced()).isEqualTo(1);
    }

    @Test
    void construct_whenNotASingleByteCharset_thenRefused() {
        assertThatThrownBy(() -> new SeaCharsetText(StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single-byte");
    }
}
