package dev.switchboard.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BridgedNamesTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final BridgedNames names = new BridgedNames(new SeaCharsetText(Charset.forName("windows-1251")));

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void seaName_whenThePlainNickIsFree_thenItself() {
        BridgedNames.SeaName name = names.seaName("bob", 7, bytes -> false);

        assertThat(ascii(name.bytes())).isEqualTo("bob");
        assertThat(name.variant()).isFalse();
    }

    @Test
    void seaName_whenCyrillic_thenTheCharsetsBytes() {
        assertThat(HEX.formatHex(names.seaName("Вася", 7, bytes -> false).bytes())).isEqualTo("c2 e0 f1 ff");
    }

    @Test
    void seaName_sanitisedAsASeaLogin() {
        assertThat(ascii(names.seaName("<b>", 7, bytes -> false).bytes())).isEqualTo("(b)");
        assertThat(ascii(names.seaName(" lead", 7, bytes -> false).bytes())).isEqualTo("_lead");
    }

    @Test
    void seaName_whenTakenOnSea_thenAStableVisibleVariant() {
        BridgedNames.SeaName first = names.seaName("bob", 7, bytes -> ascii(bytes).equals("bob"));
        BridgedNames.SeaName again = names.seaName("bob", 9, bytes -> ascii(bytes).equals("bob"));

        assertThat(ascii(first.bytes())).matches("bob~[0-9a-f]{4}");
        assertThat(first.variant()).isTrue();
        assertThat(again.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void seaName_whenTheVariantIsTakenToo_thenTheMemberIdIsAdded() {
        String tagged = ascii(names.seaName("bob", 7, bytes -> ascii(bytes).equals("bob")).bytes());
        Set<String> taken = Set.of("bob", tagged);

        assertThat(ascii(names.seaName("bob", 7, bytes -> taken.contains(ascii(bytes))).bytes()))
                .isEqualTo(tagged + "-7");
    }

    @Test
    void seaName_whenACharacterCannotBeMapped_thenAVariantThatShowsIt() {
        BridgedNames.SeaName name = names.seaName("\uD83D\uDE42bob", 7, bytes -> false);

        assertThat(ascii(name.bytes())).matches("\\?bob~[0-9a-f]{4}");
        assertThat(name.variant()).isTrue();
    }

    @Test
    void roomNick_whenCyrillicSeaName_thenTheUnicodeNick() {
        assertThat(names.roomNick(HEX.parseHex("c2 e0 f1 ff"), 3, nick -> false, 32)).isEqualTo("Вася");
    }

    @Test
    void roomNick_whenTakenInRooms_thenAStableVariant() {
        String nick = names.roomNick("alice".getBytes(StandardCharsets.US_ASCII), 3, "alice"::equals, 32);

        assertThat(nick).matches("alice~[0-9a-f]{4}");
    }

    @Test
    void roomNick_whenLongerThanTheRoomsAllow_thenCutWithAVariant() {
        byte[] longName = new byte[200];
        Arrays.fill(longName, (byte) 0xE0);

        String nick = names.roomNick(longName, 3, n -> false, 32);

        assertThat(nick.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32);
        assertThat(nick).matches("а+~[0-9a-f]{4}");
    }

    @Property(tries = 300)
    void seaName_alwaysAValidSeaName(@ForAll String nick) {
        byte[] name = names.seaName(nick, 1, bytes -> false).bytes();

        assertThat(name.length).isBetween(1, 255);
        assertThat(name[0]).isNotEqualTo((byte) ' ');
        for (byte b : name) {
            assertThat(b & 0xFF).isGreaterThanOrEqualTo(0x20);
            assertThat(b).isNotIn((byte) '<', (byte) '>');
        }
    }

    @Property(tries = 300)
    void roomNick_alwaysAValidNick(@ForAll @Size(min = 1, max = 255) byte[] seaName) {
        String nick = names.roomNick(seaName, 1, n -> false, 32);

        assertThat(nick.getBytes(StandardCharsets.UTF_8).length).isBetween(1, 32);
        assertThat(nick).isNotBlank();
        assertThat(nick.codePoints().noneMatch(Character::isISOControl)).isTrue();
    }
}
