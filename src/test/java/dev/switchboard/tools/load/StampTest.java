package dev.switchboard.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampTest {

    @Test
    void write_whenSizeLarger_thenPaddedAndReadBack() {
        ByteBuf b = Unpooled.buffer();
        Stamp.write(b, 42, 1234567890123L, 30);
        assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("B42:1234567890123.xxxxxxxxxxxx");
        assertThat(Stamp.length(42, 1234567890123L, 30)).isEqualTo(30);
        assertThat(Stamp.read(b, 0, b.readableBytes())).isEqualTo(new Stamp(42, 1234567890123L));
    }

    @Test
    void write_whenSizeTooSmall_thenStampWhole() {
        ByteBuf b = Unpooled.buffer();
        Stamp.write(b, 0, -5, 1);
        assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("B0:-5.");
        assertThat(Stamp.length(0, -5, 1)).isEqualTo(6);
        assertThat(Stamp.read(b, 0, b.readableBytes())).isEqualTo(new Stamp(0, -5));
    }

    @Test
    void write_whenExtremeValues_thenWithinMaxLength() {
        ByteBuf b = Unpooled.buffer();
        Stamp.write(b, Integer.MAX_VALUE, Long.MAX_VALUE, 1);
        assertThat(b.readableBytes()).isLessThanOrEqualTo(Stamp.MAX_LENGTH);
        assertThat(Stamp.read(b, 0, b.readableBytes())).isEqualTo(new Stamp(Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void read_whenNotAStamp_thenNull() {
        for (String text : new String[] {"hello", "B:1.", "B1:.", "B1:2", "Bx:1.", "B1:1x.", "B99999999999:1."}) {
            ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
            assertThat(Stamp.read(b, 0, b.readableBytes())).as(text).isNull();
        }
    }

    @Test
    void reader_whenReused_thenEachStampInTurnAndFieldsKeptOnNonStamp() {
        Stamp.Reader reader = new Stamp.Reader();
        ByteBuf b = Unpooled.buffer();
        Stamp.write(b, 7, 111L, 20);
        int second = b.writerIndex();
        Stamp.write(b, 8, -222L, 20);

        assertThat(reader.read(b, 0, second)).isTrue();
        assertThat(reader.sender()).isEqualTo(7);
        assertThat(reader.nanos()).isEqualTo(111L);
        assertThat(reader.read(b, second, b.writerIndex() - second)).isTrue();
        assertThat(reader.sender()).isEqualTo(8);
        assertThat(reader.nanos()).isEqualTo(-222L);
        ByteBuf foreign = Unpooled.copiedBuffer("B1:1x.", StandardCharsets.US_ASCII);
        assertThat(reader.read(foreign, 0, foreign.readableBytes())).isFalse();
        assertThat(reader.sender()).isEqualTo(8);
    }
}
