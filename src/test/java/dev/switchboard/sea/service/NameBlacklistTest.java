package dev.switchboard.sea.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.switchboard.sea.service.NameBlacklist.CaseFolding;

class NameBlacklistTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");

    private final NameBlacklist blacklist = new NameBlacklist();

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean glob(String pattern, String name) {
        return NameBlacklist.globMatches(pattern, latin1(name), CaseFolding.ASCII);
    }

    @Test
    void matches_whenTv20EvilPatternAndMixedCaseName_thenMatches() {
        // TV-20: with blacklist pattern *evil*, a login as "xEViLx" / "pc" is closed
        blacklist.add("*evil*");

        assertThat(blacklist.matches(new byte[] {0x78, 0x45, 0x56, 0x69, 0x4c, 0x78})).isTrue();
        assertThat(blacklist.firstMatch(latin1("xEViLx"))).contains("*evil*");
        assertThat(blacklist.matches(latin1("pc"))).isFalse();
    }

    @Test
    void matches_whenTv20SanitisedNameWithLeadingSpace_thenPatternSeesTheSpace() {
        // TV-20: the blacklist is checked against " A(b_", still with the leading space
        blacklist.add(" *");
        byte[] checked = SeaNames.sanitise(new byte[] {0x20, 0x41, 0x3c, 0x62, 0x01});

        assertThat(blacklist.matches(checked)).isTrue();
        assertThat(blacklist.matches(SeaNames.fixLeadingSpace(checked))).isFalse();
        assertThat(glob("?A(b_", " A(b_")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // pattern | name | matches — fnmatch(3) with FNM_CASEFOLD only
            "abc|abc|true",
            "abc|ABC|true",
            "ABC|abc|true",
            "abc|abcd|false",
            "abc|xabc|false",
            "*|x|true",
            "*|'/.hidden'|true",
            "a*|a|true",
            "a*c|abbbbc|true",
            "a*c|abbbbcd|false",
            "*a*b*|xxaxxbxx|true",
            "*a*b*|xxbxxaxx|false",
            "**x**|x|true",
            "a*b*c|abcabc|true",
            "*ab|aab|true",
            "*aab|aaab|true",
            "?|a|true",
            "?|ab|false",
            "??|ab|true",
            "a?c|a/c|true",
            "?bc|.bc|true",
            "[abc]|b|true",
            "[abc]|d|false",
            "[abc]|B|true",
            "[a-c]x|bx|true",
            "[a-c]x|dx|false",
            "[A-Z]|q|true",
            "[a-z]|Q|true",
            "[!a-c]|d|true",
            "[!a-c]|b|false",
            "[^a-c]|d|true",
            "[^a-c]|B|false",
            "[]]|]|true",
            "[]a]|a|true",
            "[!]]|]|false",
            "[!]]|x|true",
            "[a-]|-|true",
            "[-a]|-|true",
            "[z-a]|m|false",
            "[z-a]|z|false",
            "[\\]]|]|true",
            "[a\\-z]|-|true",
            "[a\\-z]|m|false",
            "[[]|[|true",
            "[|[|true",
            "[abc|[abc|true",
            "[abc|a|false",
            "[!|[!|true",
            "\\*|*|true",
            "\\*|x|false",
            "\\?|?|true",
            "\\[a]|[a]|true",
            "\\a|a|true",
            "a\\\\|a\\|true",
            "[[:alpha:]]|:]|true",
            "[[:alpha:]]|a]|true",
            "[[:alpha:]]|b]|false",
            "[[:alpha:]]|a|false",
            "[0-9][0-9]|42|true",
            "x[ab]*[!c]|xaqqqd|true",
            "x[ab]*[!c]|xaqqqc|false",
            "name[pc]|name[pc]|false",
            "name\\[pc\\]|name[pc]|true",
            "*[*|a[b|true",
    })
    void globMatches_whenFnmatchCase_thenSameAsFnmatchWithCaseFold(String pattern, String name, boolean expected) {
        assertThat(glob(pattern, name)).isEqualTo(expected);
    }

    @Test
    void globMatches_whenLongRunsOfStars_thenLinearEnoughToFinish() {
        String pattern = "*a".repeat(100) + "b";
        String name = "a".repeat(255);

        assertThat(glob(pattern, name)).isFalse();
        assertThat(glob("*a".repeat(100), name)).isTrue();
    }

    @Test
    void matches_whenAsciiFoldingAndCyrillicCase_thenCyrillicComparedExactly() {
        // §12.2: the reference runs in the C locale, so "Иван" and "ИВАН" differ
        blacklist.add("*иван*");

        assertThat(blacklist.caseFolding()).isEqualTo(CaseFolding.ASCII);
        assertThat(blacklist.matches("xиванx".getBytes(CP1251))).isTrue();
        assertThat(blacklist.matches("ИВАН".getBytes(CP1251))).isFalse();
        assertThat(blacklist.matches("Иван".getBytes(CP1251))).isFalse();
    }

    @Test
    void matches_whenWindows1251Folding_thenCyrillicCaseFolded() {
        NameBlacklist folded = new NameBlacklist(CaseFolding.WINDOWS_1251, List.of("*иван*", "ёж", "[а-я]x", "Її"));

        assertThat(folded.matches("ИВАН".getBytes(CP1251))).isTrue();
        assertThat(folded.matches("мой Иван".getBytes(CP1251))).isTrue();
        assertThat(folded.matches("ЁЖ".getBytes(CP1251))).isTrue();
        assertThat(folded.matches("Жx".getBytes(CP1251))).isTrue();
        assertThat(folded.matches("ЇЇ".getBytes(CP1251))).isTrue();
        assertThat(folded.matches("Еж".getBytes(CP1251))).isFalse();
        // ASCII still folds in this mode
        assertThat(NameBlacklist.globMatches("ABC", latin1("abc"), CaseFolding.WINDOWS_1251)).isTrue();
    }

    @Test
    void matches_whenLatin1ByteValueOfCyrillicLetterUsedInPattern_thenNotConfusedWithCyrillic() {
        // patterns are Windows-1251 text: 'И' is byte 0xC8, while the Latin-1 char 'È' is not representable
        assertThatThrownBy(() -> blacklist.add("È"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'È' (U+00C8)")
                .hasMessageContaining("Windows-1251");
    }

    @Test
    void add_whenUnrepresentableCharacter_thenRejectedInsteadOfBecomingAWildcard() {
        assertThatThrownBy(() -> blacklist.add("ab中c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+4E2D");
        assertThatThrownBy(() -> blacklist.add("x\uD83D\uDE00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+1F600");
        assertThat(blacklist.list()).isEmpty();
        assertThat(blacklist.matches(latin1("ab?c"))).isFalse();
    }

    @Test
    void add_whenEmptyNullOrTooLong_thenIllegalArgument() {
        assertThatThrownBy(() -> blacklist.add("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> blacklist.add(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blacklist.add("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1025 bytes; at most 1024");
        assertThat(blacklist.add("x".repeat(1024))).isTrue();
        // one Cyrillic char is one byte in Windows-1251, so 1024 of them fit
        assertThat(blacklist.add("ж".repeat(1024))).isTrue();
    }

    @Test
    void add_whenTrailingUnescapedBackslash_thenIllegalArgument() {
        assertThatThrownBy(() -> blacklist.add("evil\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with an unescaped");
        assertThatThrownBy(() -> blacklist.add("[a\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with an unescaped");
        assertThat(blacklist.add("evil\\\\")).isTrue();
        assertThat(blacklist.matches(latin1("evil\\"))).isTrue();
    }

    @Test
    void add_whenDuplicateString_thenFalseAndListedOnce() {
        assertThat(blacklist.add("*evil*")).isTrue();
        assertThat(blacklist.add("*evil*")).isFalse();
        // patterns are unique strings, not unique meanings
        assertThat(blacklist.add("*EVIL*")).isTrue();

        assertThat(blacklist.list()).containsExactly("*evil*", "*EVIL*");
    }

    @Test
    void remove_whenExactString_thenRemovedOtherwiseFalse() {
        blacklist.add("*evil*");
        blacklist.add("bad?");

        assertThat(blacklist.remove("*EVIL*")).isFalse();
        assertThat(blacklist.remove("nothing")).isFalse();
        assertThat(blacklist.remove(null)).isFalse();
        assertThat(blacklist.remove("*evil*")).isTrue();

        assertThat(blacklist.list()).containsExactly("bad?");
        assertThat(blacklist.matches(latin1("evil"))).isFalse();
        assertThat(blacklist.matches(latin1("bad1"))).isTrue();
    }

    @Test
    void firstMatch_whenSeveralPatternsMatch_thenFirstAddedReported() {
        blacklist.add("a*");
        blacklist.add("*z");

        assertThat(blacklist.firstMatch(latin1("abcz"))).contains("a*");
        assertThat(blacklist.firstMatch(latin1("bcz"))).contains("*z");
        assertThat(blacklist.firstMatch(latin1("bc"))).isEmpty();
    }

    @Test
    void matches_whenEmptyList_thenNothingMatches() {
        assertThat(blacklist.matches(latin1("anyone"))).isFalse();
        assertThat(blacklist.list()).isEmpty();
    }

    @Test
    void matches_whenNullName_thenIllegalArgument() {
        assertThatThrownBy(() -> blacklist.matches(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matches_whenHighBytesAndRangesAcrossThem_thenUnsignedByteOrder() {
        assertThat(NameBlacklist.globMatches("[а-я]", new byte[] {(byte) 0xe5}, CaseFolding.ASCII)).isTrue();
        assertThat(NameBlacklist.globMatches("[a-я]", new byte[] {(byte) 0x80}, CaseFolding.ASCII)).isTrue();
        assertThat(NameBlacklist.globMatches("[а-я]", new byte[] {(byte) 0xc5}, CaseFolding.ASCII)).isFalse();
        assertThat(NameBlacklist.globMatches("?", new byte[] {(byte) 0xff}, CaseFolding.ASCII)).isTrue();
    }

    @Test
    void list_whenChangedLater_thenSnapshotStableAndImmutable() {
        blacklist.add("one");
        List<String> snapshot = blacklist.list();

        blacklist.add("two");

        assertThat(snapshot).containsExactly("one");
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void new_whenNullArguments_thenIllegalArgument() {
        assertThatThrownBy(() -> new NameBlacklist(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NameBlacklist(CaseFolding.ASCII, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NameBlacklist(CaseFolding.ASCII, List.of("ok", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }
}
