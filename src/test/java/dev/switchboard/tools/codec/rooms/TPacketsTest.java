package dev.switchboard.tools.codec.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.load.Stamp;
import dev.switchboard.tools.load.rooms.RoomsClientProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TPacketsTest {

    @Test
    void packet_whenNick_thenMatchesSpecVectorV2() {
        ByteBuf p = TPackets.packet(ByteBufAllocator.DEFAULT, 0x1001, TPackets.SET_USER_NICK,
                "alice".getBytes(StandardCharsets.US_ASCII));
        try {
            // V2: signature, uid 0x1001, size 29, cmd 1, p1 0, p2 0, "alice"
            assertThat(ByteBufUtil.hexDump(p)).isEqualTo(
                    "456a3840" + "01100000" + "1d000000" + "01000000" + "00000000" + "00000000" + "616c696365");
        } finally {
            p.release();
        }
    }

    @Test
    void packet_whenMagic_thenMatchesSpecVectorV1() {
        ByteBuf p = TPackets.packet(ByteBufAllocator.DEFAULT, 0x1000, TPackets.NOP, TPackets.MAGIC);
        try {
            assertThat(ByteBufUtil.hexDump(p)).isEqualTo("456a384000100000270000000000000000000000000000006d6167696320737472696e67203a29");
        } finally {
            p.release();
        }
    }

    @Test
    void newMessage_whenStamped_thenSizeCoversTextAndStampReadsBack() {
        ByteBuf p = RoomsClientProtocol.stampedMessage(ByteBufAllocator.DEFAULT, 5, 12, 987654321L, 50);
        try {
            assertThat(TPackets.invalid(p)).isNull();
            assertThat(TPackets.cmd(p)).isEqualTo(TPackets.NEW_MSG);
            assertThat(p.readableBytes()).isEqualTo(24 + 50);
            assertThat(Stamp.read(p, 24, 50)).isEqualTo(new Stamp(12, 987654321L));
        } finally {
            p.release();
        }
    }

    @Test
    void invalid_whenRelayFromSpecV9_thenAcceptedAndFieldsRead() {
        // V9: _NEW_MSG relay from member 0x1000, uid -1, size 26, text "hi"
        ByteBuf p = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "456a3840ffffffff1a0000000700000000100000000000006869"));
        assertThat(TPackets.invalid(p)).isNull();
        assertThat(TPackets.uid(p)).isEqualTo(-1);
        assertThat(TPackets.p1(p)).isEqualTo(0x1000);
    }

    @Test
    void invalid_whenSizeLiesOrSignatureWrongOrShort_thenReason() {
        assertThat(TPackets.invalid(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "456a3840ffffffff1b0000000700000000100000000000006869")))).startsWith("size field 27");
        assertThat(TPackets.invalid(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "456a3841ffffffff1a0000000700000000100000000000006869")))).isEqualTo("bad signature");
        assertThat(TPackets.invalid(Unpooled.wrappedBuffer(new byte[23]))).contains("shorter");
    }
}
