package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Chat;
import dev.switchboard.sea.message.ChatCancel;
import dev.switchboard.sea.message.LinkRequest;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.Mute;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.PrintersJoin;
import dev.switchboard.sea.message.PrintersLeave;
import dev.switchboard.sea.message.Rename;
import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.message.Unaway;
import dev.switchboard.sea.message.UnknownCommand;
import dev.switchboard.sea.message.UserInfoRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.format;
import static dev.switchboard.sea.support.Hex.latin1;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Client→server test vectors of §17 through the frame decoder and the command decoder together. */
class SeaCommandDecoderTest {

    private byte version;
    private boolean strict;

    private final SeaDecodeContext context = new SeaDecodeContext() {
        @Override
        public byte version() {
            return version;
        }

        @Override
        public boolean strict() {
            return strict;
        }
    };

    private SeaRequest decodeOne(byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> SeaCodes.MAX_FRAME_LENGTH),
                new SeaCommandDecoder(context));
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        SeaRequest request = ch.readInbound();
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finish());
        return request;
    }

    private void assertMalformed(byte[] wire) {
        SeaRequest request = decodeOne(wire);
        assertThat(request.command()).isInstanceOf(Malformed.class);
    }

    @Test
    void decode_whenLoginTv01_thenNames() {
        SeaRequest r = decodeOne(bytes("00 00 0b 01", "05 41 6c 69 63 65 | Alice", "03 50 43 31 | PC1"));
        assertThat(r.length()).isEqualTo(11);
        assertThat(r.trailingBytes()).isZero();
        Login login = (Login) r.command();
        assertThat(login.username().toByteArray()).isEqualTo(latin1("Alice"));
        assertThat(login.compname().toByteArray()).isEqualTo(latin1("PC1"));
    }

    @Test
    void decode_whenLoginTv20Unsanitised_thenRawBytesKept() {
        Login login = (Login) decodeOne(bytes("00 00 0b 01 05 20 41 3c 62 01 03 58 0a 59")).command();
        assertThat(login.username().toByteArray()).isEqualTo(bytes("20 41 3c 62 01"));
        assertThat(login.compname().toByteArray()).isEqualTo(bytes("58 0a 59"));
    }

    @Test
    void decode_whenLoginWithZeroUserLength_thenMalformedTv19d() {
        assertMalformed(bytes("00 00 04 01 | L=4", "00 01 62 | ulen=0"));
    }

    @Test
    void decode_whenLoginShorterThanFive_thenMalformed() {
        assertMalformed(bytes("00 00 04 01 01 61 01"));
    }

    @Test
    void decode_whenLoginUserLengthPastFrame_thenMalformed() {
        assertMalformed(bytes("00 00 06 01 05 61 62 01 63 | ulen=5 > L-4"));
    }

    @Test
    void decode_whenLoginComputerLengthZeroOrPastFrame_thenMalformed() {
        assertMalformed(bytes("00 00 05 01 01 61 00 00 | clen=0"));
        assertMalformed(bytes("00 00 06 01 01 61 03 62 63 | clen=3 past end"));
    }

    @Test
    void decode_whenLoginTrailingByteNormal_thenAcceptedTv19m() {
        SeaRequest r = decodeOne(bytes("00 00 06 01 01 61 01 62 00"));
        assertThat(r.trailingBytes()).isEqualTo(1);
        assertThat(((Login) r.command()).username().toByteArray()).isEqualTo(latin1("a"));
        assertThat(((Login) r.command()).compname().toByteArray()).isEqualTo(latin1("b"));
    }

    @Test
    void decode_whenLoginTrailingByteStrict_thenMalformedTv19m() {
        strict = true;
        assertMalformed(bytes("00 00 06 01 01 61 01 62 00"));
    }

    @Test
    void decode_whenGroupMessageTv07_thenFields() {
        SeaRequest r = decodeOne(bytes("00 00 0d 02 | L=13", "00 00 | dst", "00 | flags", "00 | res",
                "00 06 | msglen", "48 69 20 61 6c 6c | Hi all"));
        SendMessage m = (SendMessage) r.command();
        assertThat(m.destination()).isZero();
        assertThat(m.flags()).isZero();
        assertThat(m.text().toByteArray()).isEqualTo(latin1("Hi all"));
        assertThat(m.extension().toByteArray()).isEmpty();
        assertThat(r.length()).isEqualTo(13);
    }

    @Test
    void decode_whenPrivateMessageWithFlagsTv08_thenFlagsKept() {
        SendMessage m = (SendMessage) decodeOne(bytes("00 00 09 02 00 07 02 00 00 02 79 6f")).command();
        assertThat(m.destination()).isEqualTo(7);
        assertThat(m.flags()).isEqualTo(2);
        assertThat(m.text().toByteArray()).isEqualTo(latin1("yo"));
    }

    @Test
    void decode_whenPrintersMessageTv09_thenDestination65535() {
        SendMessage m = (SendMessage) decodeOne(bytes("00 00 0c 02 ff ff 03 00 00 05 70 72 69 6e 74")).command();
        assertThat(m.destination()).isEqualTo(65535);
        assertThat(m.flags()).isEqualTo(3);
    }

    @Test
    void decode_whenMessageShorterThanSeven_thenMalformed() {
        assertMalformed(bytes("00 00 06 02 00 00 00 00 00"));
    }

    @Test
    void decode_whenMsglenPastFrame_thenMalformed() {
        assertMalformed(bytes("00 00 08 02 00 00 00 00 00 02 61 | msglen=2, 1 byte"));
    }

    @Test
    void decode_whenV102BigMessageTv10_thenTextAndExtension() {
        version = 102;
        byte[] wire = concat(bytes("01 11 77 02 | L=70007", "00 00 02 00 | dst flags res", "00 04 41 41 41 41 | AAAA"),
                repeat(0x42, 69_996));
        SeaRequest r = decodeOne(wire);
        SendMessage m = (SendMessage) r.command();
        assertThat(r.length()).isEqualTo(70_007);
        assertThat(m.text().toByteArray()).isEqualTo(latin1("AAAA"));
        assertThat(m.extension().toByteArray()).isEqualTo(repeat(0x42, 69_996));
        assertThat(m.flags()).isEqualTo(2);
        assertThat(r.trailingBytes()).isZero();
    }

    @Test
    void decode_whenV102ExtraBytesBelow65542_thenMalformedTv19e() {
        version = 102;
        assertMalformed(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
    }

    @Test
    void decode_whenV102ExtraBytesAtL65541_thenMalformed() {
        version = 102;
        byte[] wire = concat(bytes("01 00 05 02 00 00 00 00 00 02 61 62"), repeat(0x5a, 65_541 - 9));
        assertMalformed(wire);
    }

    @Test
    void decode_whenV102ExtraBytesAtL65542_thenBig() {
        version = 102;
        byte[] wire = concat(bytes("01 00 06 02 00 00 00 00 00 02 61 62"), repeat(0x5a, 65_542 - 9));
        SendMessage m = (SendMessage) decodeOne(wire).command();
        assertThat(m.extension().toByteArray()).hasSize(65_542 - 9);
    }

    @Test
    void decode_whenV102BigMessageInStrictMode_thenStillBigNotTrailing() {
        version = 102;
        strict = true;
        // §5.1: #2 from a v102 session follows §2.4, so its extension is never "trailing bytes".
        byte[] wire = concat(bytes("01 11 77 02 00 00 02 00 00 04 41 41 41 41"), repeat(0x42, 69_996));
        SeaRequest r = decodeOne(wire);
        SendMessage m = (SendMessage) r.command();
        assertThat(m.text().toByteArray()).isEqualTo(latin1("AAAA"));
        assertThat(m.extension().toByteArray()).hasSize(69_996);
        assertThat(r.trailingBytes()).isZero();
    }

    @Test
    void decode_whenV102ClassicMaximumInStrictMode_thenAccepted() {
        version = 102;
        strict = true;
        // L = 65542: msglen 65535, no extension; also not the strict oversize rule (that is v < 102 only).
        byte[] wire = concat(bytes("01 00 06 02 00 00 00 00 ff ff"), repeat(0x61, 65_535));
        SendMessage m = (SendMessage) decodeOne(wire).command();
        assertThat(m.text().toByteArray()).hasSize(65_535);
        assertThat(m.extension().toByteArray()).isEmpty();
    }

    @Test
    void decode_whenV98ExtraBytesNormal_thenTextCutTv19f() {
        version = 98;
        SeaRequest r = decodeOne(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
        assertThat(((SendMessage) r.command()).text().toByteArray()).isEqualTo(latin1("ab"));
        assertThat(((SendMessage) r.command()).extension().toByteArray()).isEmpty();
        assertThat(r.trailingBytes()).isEqualTo(2);
    }

    @Test
    void decode_whenV98ExtraBytesStrict_thenMalformedTv19f() {
        version = 98;
        strict = true;
        assertMalformed(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
    }

    @Test
    void decode_whenVersionAbove127_thenTreatedAsOld() {
        version = (byte) 0xC8;
        SeaRequest r = decodeOne(bytes("00 00 0b 02 00 00 00 00 00 02 61 62 5a 5a"));
        assertThat(r.trailingBytes()).isEqualTo(2);
    }

    @Test
    void decode_whenZeroLengthMessageTv19j_thenEmptyText() {
        SendMessage m = (SendMessage) decodeOne(bytes("00 00 07 02 00 00 00 00 00 00")).command();
        assertThat(m.text().toByteArray()).isEmpty();
    }

    @Test
    void decode_whenStrictLegacyFrameOver65543_thenMalformed() {
        strict = true;
        version = 97;
        byte[] wire = concat(bytes("01 00 08 07 00 05"), repeat(0x61, 65_544 - 3));
        assertMalformed(wire);
        strict = false;
        assertThat(decodeOne(wire).command()).isInstanceOf(Chat.class);
    }

    @Test
    void decode_whenPingTv11_thenPing() {
        assertThat(decodeOne(bytes("00 00 01 03")).command()).isEqualTo(new Ping());
    }

    @Test
    void decode_whenPingWithTrailingByte_thenNormalKeepsStrictKillsTv19g() {
        SeaRequest r = decodeOne(bytes("00 00 02 03 00"));
        assertThat(r.command()).isEqualTo(new Ping());
        assertThat(r.trailingBytes()).isEqualTo(1);
        strict = true;
        assertMalformed(bytes("00 00 02 03 00"));
    }

    @Test
    void decode_whenSetUserInfoTv02_thenFields() {
        SetUserInfo i = (SetUserInfo) decodeOne(bytes("00 00 0b 04 | L=11", "01 | faculty",
                "33 31 32 2d 61 | 312-a", "02 68 69 | hi", "61 | version 97")).command();
        assertThat(i.faculty()).isEqualTo(1);
        assertThat(i.room().toByteArray()).isEqualTo(latin1("312-a"));
        assertThat(i.info().toByteArray()).isEqualTo(latin1("hi"));
        assertThat(i.version()).isEqualTo((byte) 97);
    }

    @Test
    void decode_whenSetUserInfoNoInfoTv03_thenEmptyInfo() {
        SetUserInfo i = (SetUserInfo) decodeOne(bytes("00 00 09 04 02 31 30 35 2d 62 00 66")).command();
        assertThat(i.info().toByteArray()).isEmpty();
        assertThat(i.version()).isEqualTo((byte) 102);
    }

    @Test
    void decode_whenInfolenPastFrameTv19i_thenMalformed() {
        assertMalformed(bytes("00 00 0b 04 01 31 32 33 34 35 05 61 62 60"));
    }

    @Test
    void decode_whenSetUserInfoTooShort_thenMalformed() {
        assertMalformed(bytes("00 00 08 04 01 31 32 33 34 35 00"));
    }

    @Test
    void decode_whenUserInfoRequestTv14_thenTarget() {
        assertThat(decodeOne(bytes("00 00 03 05 00 05")).command()).isEqualTo(new UserInfoRequest(5));
    }

    @Test
    void decode_whenUserInfoRequestTooShortTv19a_thenMalformed() {
        assertMalformed(bytes("00 00 02 05 00"));
    }

    @Test
    void decode_whenChatTv15_thenTargetAndOpaquePayload() {
        Chat c = (Chat) decodeOne(bytes("00 00 09 07 00 07 05 68 65 6c 6c 6f")).command();
        assertThat(c.target()).isEqualTo(7);
        assertThat(c.payload().toByteArray()).isEqualTo(bytes("05 68 65 6c 6c 6f"));
    }

    @Test
    void decode_whenChatCancelTv15_thenEmptyPayload() {
        ChatCancel c = (ChatCancel) decodeOne(bytes("00 00 03 08 00 09")).command();
        assertThat(c.target()).isEqualTo(9);
        assertThat(c.payload().toByteArray()).isEmpty();
    }

    @Test
    void decode_whenChatInStrictMode_thenNoTrailingBytesRule() {
        strict = true;
        Chat c = (Chat) decodeOne(bytes("00 00 05 07 00 07 01 02")).command();
        assertThat(c.payload().toByteArray()).isEqualTo(bytes("01 02"));
    }

    @Test
    void decode_whenChatTooShort_thenMalformed() {
        assertMalformed(bytes("00 00 02 07 00"));
        assertMalformed(bytes("00 00 02 08 00"));
    }

    @Test
    void decode_whenLinkMuteAwayUnawayPrinters_thenRecords() {
        assertThat(decodeOne(bytes("00 00 01 09")).command()).isEqualTo(new LinkRequest());
        assertThat(decodeOne(bytes("00 00 03 0a 00 05")).command()).isEqualTo(new Mute(5));
        assertThat(decodeOne(bytes("00 00 01 0b")).command()).isEqualTo(new Away());
        assertThat(decodeOne(bytes("00 00 01 0c")).command()).isEqualTo(new Unaway());
        assertThat(decodeOne(bytes("00 00 01 0f")).command()).isEqualTo(new PrintersJoin());
        assertThat(decodeOne(bytes("00 00 01 10")).command()).isEqualTo(new PrintersLeave());
    }

    @Test
    void decode_whenMuteTooShort_thenMalformed() {
        assertMalformed(bytes("00 00 02 0a 00"));
    }

    @Test
    void decode_whenRenameTv13_thenRawName() {
        Rename r = (Rename) decodeOne(bytes("00 00 06 0e 04 43 3c 72 3e")).command();
        assertThat(r.username().toByteArray()).isEqualTo(latin1("C<r>"));
    }

    @Test
    void decode_whenRenameEmptyNameTv19h_thenMalformedInBothModes() {
        assertMalformed(bytes("00 00 03 0e 00 41"));
        strict = true;
        assertMalformed(bytes("00 00 03 0e 00 41"));
    }

    @Test
    void decode_whenRenameLengthPastFrame_thenMalformed() {
        assertMalformed(bytes("00 00 03 0e 05 41"));
        assertMalformed(bytes("00 00 02 0e 01"));
    }

    @Test
    void decode_whenUnknownCodes_thenIgnoredEvenStrict() {
        strict = true;
        for (int code : new int[]{0, 6, 13, 17, 255}) {
            SeaRequest r = decodeOne(new byte[]{0, 0, 3, (byte) code, 0x78, 0x78});
            assertThat(r.command()).isEqualTo(new UnknownCommand(code));
        }
    }

    @Test
    void decode_whenZeroLengthFrameTv19b_thenMalformedRequest() {
        SeaRequest r = decodeOne(bytes("00 00 00 03"));
        assertThat(r.command()).isEqualTo(new Malformed(Malformed.NO_CODE, "zero frame length"));
    }

    @Test
    void decode_whenGarbageFollowedByGoodFrameInNewSession_thenGoodFrameDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new SeaFrameDecoder(() -> 16), new SeaCommandDecoder(context));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("ff ff ff 41 41 41")));
        assertThat(((SeaRequest) ch.readInbound()).malformed()).isTrue();
        assertFalse(ch.finish());
        EmbeddedChannel fresh = new EmbeddedChannel(new SeaFrameDecoder(() -> 16), new SeaCommandDecoder(context));
        fresh.writeInbound(Unpooled.wrappedBuffer(bytes("00 00 01 03")));
        assertThat(((SeaRequest) fresh.readInbound()).command()).isEqualTo(new Ping());
        assertFalse(fresh.finish());
    }

    @Test
    void parse_whenCalledDirectly_thenBodyNotConsumed() {
        ByteBuf body = Unpooled.wrappedBuffer(bytes("00 05"));
        SeaCommandParser.parse(3, 5, body, (byte) 0, false);
        assertThat(format(new byte[]{body.getByte(0), body.getByte(1)})).isEqualTo("00 05");
        assertThat(body.readerIndex()).isZero();
        body.release();
    }
}
