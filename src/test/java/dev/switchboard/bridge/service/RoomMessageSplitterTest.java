package dev.switchboard.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoomMessageSplitterTest {

    @Test
    void split_whenTheTextFits_thenOnePiece() {
        assertThat(RoomMessageSplitter.split("hello", 200, 4)).containsExactly("hello");
    }

    @Test
    void split_whenLonger_thenCutAfterASpaceNearTheEnd() {
        assertThat(RoomMessageSplitter.split("aaaa bbbb cccc", 10, 4)).containsExactly("aaaa bbbb ", "cccc");
    }

    @Test
    void split_neverInsideACharacter() {
        // Each Cyrillic letter is two UTF-8 bytes: nine bytes hold four letters.
        assertThat(RoomMessageSplitter.split("пппппп", 9, 4)).containsExactly("пппп", "пп");
    }

    @Test
    void split_whenMorePiecesThanAllowed_thenTheLastSaysSomethingIsMissing() {
        List<String> parts = RoomMessageSplitter.split("x".repeat(100), 10, 2);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isEqualTo("x".repeat(10));
        assertThat(parts.get(1)).isEqualTo("xxxx" + RoomMessageSplitter.TRUNCATED);
        assertThat(parts.get(1).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void split_whenBlank_thenNothing() {
        assertThat(RoomMessageSplitter.split("  \n ", 200, 4)).isEmpty();
    }

    @Property(tries = 300)
    void split_piecesFitAndLoseNothingButWhitespaceUnlessMarked(@ForAll String text,
            @ForAll @IntRange(min = 8, max = 300) int maxBytes, @ForAll @IntRange(min = 1, max = 8) int maxParts) {
        List<String> parts = RoomMessageSplitter.split(text, maxBytes, maxParts);

        assertThat(parts).hasSizeLessThanOrEqualTo(maxParts);
        for (String part : parts) {
            assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
            assertThat(part).isNotBlank();
        }
        boolean truncated = !parts.isEmpty() && parts.get(parts.size() - 1).endsWith(RoomMessageSplitter.TRUNCATED);
        if (!truncated) {
            assertThat(String.join("", parts).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
        }
    }
}
