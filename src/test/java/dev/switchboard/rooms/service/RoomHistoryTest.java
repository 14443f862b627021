package dev.switchboard.rooms.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoomHistoryTest {

    private static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.List<String> text(RoomHistory h) {
        return h.lines().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void append_whenMoreLinesThanBound_thenOldestEvicted() {
        RoomHistory history = new RoomHistory(2, 1000);
        history.append(line("a: 1"));
        history.append(line("a: 2"));
        history.append(line("a: 3"));
        assertThat(text(history)).containsExactly("a: 2", "a: 3");
        assertThat(history.lineCount()).isEqualTo(2);
        assertThat(history.byteCount()).isEqualTo(8);
    }

    @Test
    void append_whenBytesExceedBound_thenOldestEvictedUntilWithin() {
        RoomHistory history = new RoomHistory(50, 10);
        history.append(line("12345"));
        history.append(line("6789"));
        history.append(line("abc"));
        assertThat(text(history)).containsExactly("6789", "abc");
        assertThat(history.byteCount()).isEqualTo(7);
    }

    @Test
    void append_whenLineLongerThan127Bytes_thenKeptIntact() {
        // The original stored the length in a signed char (spec §7.5); 200-byte lines must survive.
        RoomHistory history = new RoomHistory(50, 8192);
        String longLine = "bob: " + "y".repeat(200);
        history.append(line(longLine));
        assertThat(text(history)).containsExactly(longLine);
    }

    @Test
    void append_whenLineAloneExceedsByteBound_thenNotKept() {
        RoomHistory history = new RoomHistory(50, 4);
        history.append(line("ab"));
        history.append(line("too long"));
        assertThat(text(history)).containsExactly("ab");
    }

    @Test
    void append_whenZeroLines_thenNothingKept() {
        RoomHistory history = new RoomHistory(0, 8192);
        history.append(line("a: 1"));
        assertThat(history.lines()).isEmpty();
    }

    @Test
    void lines_whenCallerModifiesCopy_thenHistoryUnchanged() {
        RoomHistory history = new RoomHistory(5, 100);
        history.append(line("abc"));
        history.lines().get(0)[0] = 'X';
        assertThat(text(history)).containsExactly("abc");
    }
}
