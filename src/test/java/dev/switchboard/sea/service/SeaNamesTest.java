package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SeaNamesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sanitise_whenAngleBrackets_thenParentheses() {
        // TV-13: rename to "C<r>" (43 3c 72 3e) is broadcast as "C(r)" (43 28 72 29)
        assertThat(SeaNames.sanitise(bytes(0x43, 0x3c, 0x72, 0x3e))).containsExactly(0x43, 0x28, 0x72, 0x29);
    }

    @Test
    void sanitise_whenEveryByteValue_thenOnlySpecTableBytesChange() {
        // §8.1 table, all 256 byte values
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] first = SeaNames.sanitise(java.util.Arrays.copyOfRange(all, 0, 255));
        byte[] last = SeaNames.sanitise(java.util.Arrays.copyOfRange(all, 1, 256));

        for (int i = 0; i < 255; i++) {
            int expected = i < 0x20 ? '_' : i == '<' ? '(' : i == '>' ? ')' : i;
            assertThat(first[i] & 0xff).as("byte 0x%02x", i).isEqualTo(expected);
        }
        assertThat(last[254] & 0xff).as("byte 0xff").isEqualTo(0xff);
        assertThat(last[0x7e] & 0xff).as("byte 0x7f").isEqualTo(0x7f);
    }

    @Test
    void sanitise_whenTv20LoginNames_thenBlacklistSeesLeadingSpace() {
        // TV-20: user " A<b" 0x01 and computer "X" 0x0a "Y"
        byte[] user = SeaNames.sanitise(bytes(0x20, 0x41, 0x3c, 0x62, 0x01));
        byte[] computer = SeaNames.sanitise(bytes(0x58, 0x0a, 0x59));

        // the blacklist is checked against " A(b_", still with the leading space
        assertThat(user).containsExactly(0x20, 0x41, 0x28, 0x62, 0x5f);
        assertThat(computer).containsExactly(0x58, 0x5f, 0x59);
        // then ADDUSER carries user "_A(b_" and computer "X_Y"
        assertThat(SeaNames.fixLeadingSpace(user)).containsExactly(0x5f, 0x41, 0x28, 0x62, 0x5f);
    }

    @Test
    void fixLeadingSpace_whenRenameToSpaceHi_thenUnderscoreHi() {
        // TV-13: name " hi" (20 68 69) becomes "_hi"
        assertThat(SeaNames.fixLeadingSpace(SeaNames.sanitise(ascii(" hi")))).isEqualTo(ascii("_hi"));
    }

    @Test
    void fixLeadingSpace_whenSpacesElsewhereOrSeveralLeading_thenOnlyFirstByteChanges() {
        assertThat(SeaNames.fixLeadingSpace(ascii("  two"))).isEqualTo(ascii("_ two"));
        assertThat(SeaNames.fixLeadingSpace(ascii("a b "))).isEqualTo(ascii("a b "));
        assertThat(SeaNames.fixLeadingSpace(ascii(" "))).isEqualTo(ascii("_"));
        assertThat(SeaNames.fixLeadingSpace(ascii("[x]"))).isEqualTo(ascii("[x]"));
    }

    @Test
    void sanitise_whenCalled_thenInputUntouched() {
        byte[] input = ascii("<a>");

        byte[] output = SeaNames.sanitise(input);
        byte[] fixed = SeaNames.fixLeadingSpace(ascii(" a"));

        assertThat(input).isEqualTo(ascii("<a>"));
        assertThat(output).isNotSameAs(input);
        assertThat(fixed).isEqualTo(ascii("_a"));
    }

    @Test
    void sanitise_whenCyrillicWindows1251_thenUnchanged() {
        byte[] name = bytes(0xc8, 0xe2, 0xe0, 0xed); // "Иван" in Windows-1251

        assertThat(SeaNames.sanitise(name)).isEqualTo(name);
    }

    @Test
    void sanitise_whenLengthOutOfStr8Range_thenIllegalArgument() {
        assertThatThrownBy(() -> SeaNames.sanitise(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-255 bytes, got 0 bytes");
        assertThatThrownBy(() -> SeaNames.sanitise(new byte[256])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 256 bytes");
        assertThatThrownBy(() -> SeaNames.sanitise(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");
        assertThatThrownBy(() -> SeaNames.fixLeadingSpace(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(SeaNames.sanitise(new byte[255])).hasSize(255).containsOnly((byte) '_');
    }
}
