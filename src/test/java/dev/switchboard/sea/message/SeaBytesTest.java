package dev.switchboard.sea.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class SeaBytesTest {

    @Test
    void equals_whenSameContentFromDifferentArrays_thenEqualWithSameHash() {
        SeaBytes a = SeaBytes.of(new byte[] {1, 2, (byte) 0xFF});
        SeaBytes b = SeaBytes.adopt(new byte[] {1, 2, (byte) 0xFF});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(SeaBytes.of(new byte[] {1, 2}));
        assertThat(SeaBytes.of(new byte[0])).isSameAs(SeaBytes.EMPTY);
    }

    @Test
    void of_whenSourceArrayChangesAfterwards_thenValueKeepsOldContent() {
        byte[] source = {'a', 'b'};
        SeaBytes value = SeaBytes.of(source);

        source[0] = 'x';

        assertThat(value.toByteArray()).containsExactly('a', 'b');
        assertThat(value.byteAt(0)).isEqualTo((byte) 'a');
    }

    @Test
    void toByteArray_whenResultChanged_thenValueUnchanged() {
        SeaBytes value = SeaBytes.latin1("ab");

        value.toByteArray()[0] = 'x';

        assertThat(value.latin1()).isEqualTo("ab");
        assertThat(value.contentEquals(new byte[] {'a', 'b'})).isTrue();
    }

    @Test
    void asReadOnlyBuffer_whenWrittenTo_thenRefused() {
        SeaBytes value = SeaBytes.latin1("ab");

        assertThatThrownBy(() -> value.asReadOnlyBuffer().put(0, (byte) 'x'))
                .isInstanceOf(ReadOnlyBufferException.class);
        assertThat(value.asReadOnlyBuffer().remaining()).isEqualTo(2);
    }

    @Test
    void latin1_whenHighBytes_thenMappedOneToOne() {
        SeaBytes value = SeaBytes.of(new byte[] {'h', (byte) 0xE9, 0});

        assertThat(value.length()).isEqualTo(3);
        assertThat(value.latin1()).isEqualTo("h\u00e9\u0000");
        assertThat(value).hasToString("h\u00e9\u0000");
        assertThat(SeaBytes.latin1("h\u00e9").toByteArray()).containsExactly('h', (byte) 0xE9);
    }

    @Test
    void records_whenBuiltFromEqualBytes_thenEqual() {
        SeaServerMessage a = new SeaServerMessage.Message(5, true, false, 0, SeaBytes.latin1("hi"), SeaBytes.EMPTY);
        SeaServerMessage b = new SeaServerMessage.Message(5, true, false, 0, SeaBytes.of(new byte[] {'h', 'i'}),
                SeaBytes.of(new byte[0]));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(new Login(SeaBytes.latin1("a"), SeaBytes.latin1("pc")))
                .isEqualTo(new Login(SeaBytes.latin1("a"), SeaBytes.latin1("pc")))
                .isNotEqualTo(new Login(SeaBytes.latin1("a"), SeaBytes.latin1("PC")));
    }
}
