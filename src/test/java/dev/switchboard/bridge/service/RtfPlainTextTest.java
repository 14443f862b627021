package dev.switchboard.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RtfPlainTextTest {

    private final RtfPlainText rtf = new RtfPlainText(new SeaCharsetText(Charset.forName("windows-1251")));

    @Test
    void toPlain_whenASeaClientsFormattedMessage_thenItsTextWithLineBreaks() {
        String message = "{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fnil\\fcharset204 Tahoma;}}"
                + "{\\colortbl ;\\red255\\green0\\blue0;}\r\n{\\*\\generator Msftedit 5.41.21.2510;}"
                + "\\viewkind4\\uc1\\pard\\cf1\\lang1049\\f0\\fs20\\'cf\\'f0\\'e8\\'e2\\'e5\\'f2 world\\par\r\n"
                + "\\b bold\\b0\\tab tab\\par\r\n}";

        assertThat(rtf.toPlain(message)).isEqualTo("Привет world\nbold\ttab");
    }

    @Test
    void toPlain_whenUnicodeEscapes_thenTheCharactersWithoutTheirFallbacks() {
        assertThat(rtf.toPlain("{\\rtf1\\uc1 caf\\u233?\\u-10179?\\u-8638? ok}"))
                .isEqualTo("caf\u00e9\uD83D\uDE42 ok");
        assertThat(rtf.toPlain("{\\rtf1\\uc2 x\\u1055\\'cf\\'cfy}")).isEqualTo("x\u041Fy");
    }

    @Test
    void toPlain_whenEscapedBracesAndBackslash_thenLiteral() {
        assertThat(rtf.toPlain("{\\rtf1 a\\{b\\}c\\\\d}")).isEqualTo("a{b}c\\d");
    }

    @Test
    void toPlain_whenMalformed_thenTheReadableRestWithoutFailing() {
        assertThat(rtf.toPlain("{\\rtf1 open {group \\'zz end")).isEqualTo("open group zz end");
        assertThat(rtf.toPlain("{\\rtf1 }}} closed too often}")).isEqualTo(" closed too often");
        assertThat(rtf.toPlain("{\\rtf1 trailing\\")).isEqualTo("trailing");
    }

    @Test
    void isRtf_onlyForTheRtfHeader() {
        assertThat(RtfPlainText.isRtf("{\\rtf1 x}")).isTrue();
        assertThat(RtfPlainText.isRtf("hello {\\rtf1")).isFalse();
    }

    @Property(tries = 300)
    void toPlain_neverFailsAndNeverGrowsPastItsInput(@ForAll String anything) {
        String plain = rtf.toPlain("{\\rtf1 " + anything);

        assertThat(plain.length()).isLessThanOrEqualTo(anything.length() + 1);
    }
}
