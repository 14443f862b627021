package dev.switchboard.rooms.codec;

import static dev.switchboard.rooms.support.SpecVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.Malformed;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.RoomsInbound;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.support.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TPacketCodecTest {

    private final TPacketDecoder decoder = new TPacketDecoder(64 * 1024);

    private RoomsInbound decode(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            RoomsInbound result = decoder.decode(buf);
            assertThat(buf.readableBytes()).as("message consumed whole").isZero();
            return result;
        } finally {
            buf.release();
        }
    }

    private static byte[] encode(TPacket packet) {
        ByteBuf buf = TPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decode_whenV1MagicString_thenNopWithMagicBlob() {
        assertThat(decode(V1)).isEqualTo(new TPacket(0x1000, Command.NOP.code(), 0, 0, ascii("magic string :)")));
    }

    @Test
    void decode_whenV2Nick_thenSetUserNickAlice() {
        assertThat(decode(V2)).isEqualTo(new TPacket(0x1001, Command.SET_USER_NICK.code(), 0, 0, ascii("alice")));
    }

    @Test
    void decode_whenV5SetRoom_thenRoomWuwu() {
        assertThat(decode(V5)).isEqualTo(new TPacket(0x1002, Command.SET_ROOM.code(), 0, 0, ascii("wuwu")));
    }

    @Test
    void decode_whenV8NewMsg_thenTextHi() {
        assertThat(decode(V8)).isEqualTo(new TPacket(0x1003, Command.NEW_MSG.code(), 0, 0, ascii("hi")));
    }

    @Test
    void encode_whenRespOk_thenV3Payload() {
        assertThat(Hex.of(encode(TPacket.respOk(0x1001))))
                .isEqualTo(Hex.of(Arrays.copyOfRange(V3_FRAME, 2, V3_FRAME.length)));
    }

    @Test
    void encode_whenRespError_thenV4() {
        assertThat(Hex.of(encode(TPacket.respError(0x1001)))).isEqualTo(Hex.of(V4));
    }

    @Test
    void encode_whenNewUser_thenV6() {
        assertThat(Hex.of(encode(TPacket.newUser(0x1000, ascii("alice"))))).isEqualTo(Hex.of(V6));
    }

    @Test
    void encode_whenLoggedMsg_thenV7() {
        assertThat(Hex.of(encode(TPacket.loggedMsg(ascii("bob: hello"))))).isEqualTo(Hex.of(V7));
    }

    @Test
    void encode_whenRelayOfV8_thenV9() {
        TPacket in = (TPacket) decode(V8);
        assertThat(Hex.of(encode(TPacket.newMsg(0x1000, in.blob())))).isEqualTo(Hex.of(V9));
    }

    @Test
    void encode_whenDelUser_thenV10() {
        assertThat(Hex.of(encode(TPacket.delUser(0x1001, ascii("bob"))))).isEqualTo(Hex.of(V10));
    }

    @Test
    void encode_when200ByteText_thenV12PacketHeader() {
        byte[] text = new byte[200];
        Arrays.fill(text, (byte) 'x');
        byte[] wire = encode(TPacket.newMsg(0x1000, text));
        assertThat(wire).hasSize(224);
        assertThat(Hex.of(Arrays.copyOf(wire, 24))).isEqualTo(Hex.of(Arrays.copyOfRange(V12_HEADERS, 4, 28)));
    }

    @Test
    void decode_whenEncodedPacket_thenSamePacket() {
        TPacket packet = new TPacket(0x7fffffff, 42, -5, 9, ascii("round trip"));
        assertThat(decode(encode(packet))).isEqualTo(packet);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 23})
    void decode_whenShorterThanHeader_thenMalformedTooShort(int length) {
        RoomsInbound result = decode(Arrays.copyOf(V8, length));
        assertThat(result).isInstanceOf(Malformed.class);
        assertThat(((Malformed) result).reason()).isEqualTo(RoomsCloseReason.TOO_SHORT);
        assertThat(((Malformed) result).reason().status()).isEqualTo(1002);
    }

    @Test
    void decode_whenSignatureWrong_thenMalformedBadSignature() {
        byte[] bytes = V8.clone();
        bytes[3] = 0x41; // "Ej8A"
        assertThat(((Malformed) decode(bytes)).reason()).isEqualTo(RoomsCloseReason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 24, 25, 27, 1000, -1})
    void decode_whenSizeFieldDiffersFromMessageLength_thenMalformedSizeMismatch(int size) {
        byte[] bytes = V8.clone(); // real length 26
        bytes[8] = (byte) size;
        bytes[9] = (byte) (size >> 8);
        bytes[10] = (byte) (size >> 16);
        bytes[11] = (byte) (size >> 24);
        assertThat(((Malformed) decode(bytes)).reason()).isEqualTo(RoomsCloseReason.SIZE_MISMATCH);
    }

    @Test
    void decode_whenLargerThanLimit_thenMalformedTooLargeWithoutCopying() {
        TPacketDecoder small = new TPacketDecoder(25);
        ByteBuf buf = Unpooled.wrappedBuffer(V8);
        try {
            Malformed result = (Malformed) small.decode(buf);
            assertThat(result.reason()).isEqualTo(RoomsCloseReason.TOO_LARGE);
            assertThat(result.reason().status()).isEqualTo(1009);
            assertThat(buf.readableBytes()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void decode_whenGarbageThenGoodPacket_thenMalformedThenPacket() {
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xAB);
        assertThat(decode(garbage)).isInstanceOf(Malformed.class);
        assertThat(decode(V2)).isInstanceOf(TPacket.class);
    }

    @Test
    void decode_whenExactlyHeader_thenEmptyBlob() {
        TPacket packet = (TPacket) decode(Arrays.copyOf(V4, 24));
        assertThat(packet.blobLength()).isZero();
        assertThat(packet.p1()).isEqualTo(-1);
    }

    /** Packet sizes 24, 125 and 126 (one-byte and 16-bit length), 65535 and 65536 (16-bit and 64-bit length). */
    @ParameterizedTest
    @ValueSource(ints = {0, 101, 102, 65_511, 65_512})
    void encodeBinaryFrame_whenAnySize_thenTheBytesNettysServerEncoderWritesForTheFrame(int blobLength) {
        byte[] blob = new byte[blobLength];
        Arrays.fill(blob, (byte) 'x');
        TPacket packet = new TPacket(7, 1, 2, 3, blob);
        EmbeddedChannel netty = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        netty.writeOutbound(new BinaryWebSocketFrame(TPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet)));
        ByteBuf expected = Unpooled.buffer();
        ByteBuf part;
        while ((part = netty.readOutbound()) != null) {
            expected.writeBytes(part);
            part.release();
        }
        ByteBuf frame = TPacketEncoder.encodeBinaryFrame(UnpooledByteBufAllocator.DEFAULT, packet);
        try {
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(ByteBufUtil.getBytes(expected));
        } finally {
            frame.release();
            expected.release();
        }
        assertThat(netty.finish()).isFalse();
    }
}
