package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SeaServerMessage.AddUser;
import dev.switchboard.sea.message.SeaServerMessage.AltServer;
import dev.switchboard.sea.message.SeaServerMessage.Away;
import dev.switchboard.sea.message.SeaServerMessage.Chat;
import dev.switchboard.sea.message.SeaServerMessage.ChatCancel;
import dev.switchboard.sea.message.SeaServerMessage.DeleteUser;
import dev.switchboard.sea.message.SeaServerMessage.Link;
import dev.switchboard.sea.message.SeaServerMessage.Message;
import dev.switchboard.sea.message.SeaServerMessage.Mute;
import dev.switchboard.sea.message.SeaServerMessage.Pong;
import dev.switchboard.sea.message.SeaServerMessage.Rename;
import dev.switchboard.sea.message.SeaServerMessage.Unaway;
import dev.switchboard.sea.message.SeaServerMessage.UserEntry;
import dev.switchboard.sea.message.SeaServerMessage.UserInfo;
import dev.switchboard.sea.message.SeaServerMessage.UserList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.switchboard.sea.support.Hex.bytes;
import static dev.switchboard.sea.support.Hex.concat;
import static dev.switchboard.sea.support.Hex.format;
import static dev.switchboard.sea.support.Hex.latin1;
import static dev.switchboard.sea.support.Hex.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Server→client test vectors of §17, byte-exact. */
class SeaServerEncoderTest {

    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final UserEntry ALICE = new UserEntry(5, SeaBytes.latin1("Alice"), SeaBytes.latin1("PC1"));
    private static final UserEntry BOB = new UserEntry(7, SeaBytes.latin1("Bob"), SeaBytes.latin1("BOBPC"));
    private static final UserEntry CAROL = new UserEntry(9, SeaBytes.latin1("Carol"), SeaBytes.latin1("CAROL-PC"));

    private static String encode(SeaServerMessage message, int version) {
        ByteBuf out = SeaServerEncoder.encode(ALLOC, message, (byte) version);
        try {
            return format(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    private static String hex(String... lines) {
        return format(bytes(lines));
    }

    @Test
    void encode_whenFirstUserListTv01_thenExactBytes() {
        UserList list = new UserList(5, SeaBytes.latin1("192.168.0.5"), List.of(ALICE));
        assertThat(encode(list, 0)).isEqualTo(hex("01 | USERLIST", "00 05 | self",
                "0b 31 39 32 2e 31 36 38 2e 30 2e 35 | 192.168.0.5", "00 01 | count",
                "00 05 05 41 6c 69 63 65 03 50 43 31 | Alice PC1", "00 00 | TCPSender users"));
    }

    @Test
    void encode_whenUserListOfTwoTv03_thenSelfFirst() {
        UserList list = new UserList(7, SeaBytes.latin1("192.168.0.6"), List.of(BOB, ALICE));
        assertThat(encode(list, 0)).isEqualTo(hex("01 00 07 0b 31 39 32 2e 31 36 38 2e 30 2e 36 00 02",
                "00 07 03 42 6f 62 05 42 4f 42 50 43", "00 05 05 41 6c 69 63 65 03 50 43 31", "00 00"));
    }

    @Test
    void encode_whenUserListOfThreeTv05_then57Bytes() {
        UserList list = new UserList(9, SeaBytes.latin1("10.0.0.9"), List.of(CAROL, BOB, ALICE));
        String expected = hex("01 00 09 08 31 30 2e 30 2e 30 2e 39 00 03",
                "00 09 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43",
                "00 07 03 42 6f 62 05 42 4f 42 50 43",
                "00 05 05 41 6c 69 63 65 03 50 43 31", "00 00");
        assertThat(encode(list, 98)).isEqualTo(expected);
        assertThat(bytes(expected)).hasSize(57);
    }

    @Test
    void encode_whenAddUserTv03Tv05_thenExactBytes() {
        assertThat(encode(new AddUser(7, SeaBytes.latin1("Bob"), SeaBytes.latin1("BOBPC")), 97))
                .isEqualTo(hex("02 00 07 03 42 6f 62 05 42 4f 42 50 43"));
        assertThat(encode(new AddUser(9, SeaBytes.latin1("Carol"), SeaBytes.latin1("CAROL-PC")), 0))
                .isEqualTo(hex("02 00 09 05 43 61 72 6f 6c 08 43 41 52 4f 4c 2d 50 43"));
    }

    @Test
    void encode_whenSanitisedAddUserTv20_thenExactBytes() {
        assertThat(encode(new AddUser(11, SeaBytes.of(bytes("5f 41 28 62 5f")), SeaBytes.of(bytes("58 5f 59"))), 0))
                .isEqualTo(hex("02 00 0b 05 5f 41 28 62 5f 03 58 5f 59"));
    }

    @Test
    void encode_whenDeleteUser_thenThreeBytes() {
        assertThat(encode(new DeleteUser(9), 0)).isEqualTo(hex("03 00 09"));
    }

    @Test
    void encode_whenAwayUnawayTv04Tv12_thenForVersion96Up() {
        assertThat(encode(new Away(5), 97)).isEqualTo(hex("0b 00 05"));
        assertThat(encode(new Unaway(5), 102)).isEqualTo(hex("0c 00 05"));
        assertThat(encode(new Away(5), 96)).isEqualTo(hex("0b 00 05"));
    }

    @Test
    void encode_whenAwayForVersionBelow96_thenRefused() {
        assertThatThrownBy(() -> encode(new Away(5), 95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(new Unaway(5), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(new Mute(9), 95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(new Away(5), 0x80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encode_whenGroupMessageTv07_thenSameForAllVersions() {
        Message m = new Message(5, false, false, 0, SeaBytes.latin1("Hi all"), SeaBytes.EMPTY);
        String expected = hex("04 00 05 | sender", "00 | group", "00 00 | A B", "00 06 | msglen",
                "48 69 20 61 6c 6c 00 | Hi all + terminator");
        assertThat(encode(m, 97)).isEqualTo(expected);
        assertThat(encode(m, 102)).isEqualTo(expected);
        assertThat(encode(m, 98)).isEqualTo(expected);
    }

    @Test
    void encode_whenPrivateWithFlagsTv08_thenFlagsOnlyForV102() {
        Message m = new Message(9, true, false, 0x02, SeaBytes.latin1("yo"), SeaBytes.EMPTY);
        assertThat(encode(m, 102)).isEqualTo(hex("04 00 09 01 02 00 00 02 79 6f 00"));
        assertThat(encode(m, 97)).isEqualTo(hex("04 00 09 01 00 00 00 02 79 6f 00"));
    }

    @Test
    void encode_whenPrintersTv09_thenMarkerPerVersion() {
        Message m = new Message(9, true, true, 0x00, SeaBytes.latin1("P"), SeaBytes.EMPTY);
        assertThat(encode(m, 97)).isEqualTo(hex("04 00 09 01 01 01 00 01 50 00"));
        assertThat(encode(m, 102)).isEqualTo(hex("04 00 09 01 01 00 00 01 50 00"));
        Message flagged = new Message(9, true, true, 0x03, SeaBytes.latin1("print"), SeaBytes.EMPTY);
        assertThat(encode(flagged, 97)).isEqualTo(hex("04 00 09 01 01 01 00 05 70 72 69 6e 74 00"));
        assertThat(encode(flagged, 102)).isEqualTo(hex("04 00 09 01 03 00 00 05 70 72 69 6e 74 00"));
    }

    @Test
    void encode_whenPrintersForVersionBelow97_thenRefused() {
        Message m = new Message(9, true, true, 0, SeaBytes.latin1("P"), SeaBytes.EMPTY);
        assertThatThrownBy(() -> encode(m, 96)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encode_whenBigMessageTv10_thenV102GetsAllAndV97TextOnly() {
        Message m = new Message(7, false, false, 0x02, SeaBytes.latin1("AAAA"), SeaBytes.of(repeat(0x42, 69_996)));
        assertThat(encode(m, 97)).isEqualTo(hex("04 00 07 00 00 00 00 04 41 41 41 41 00"));
        assertThat(encode(m, 98)).isEqualTo(hex("04 00 07 00 00 00 00 04 41 41 41 41 00"));
        ByteBuf v102 = SeaServerEncoder.encode(ALLOC, m, (byte) 102);
        byte[] expected = concat(bytes("04 00 07 00 02 01 11 70 41 41 41 41"), repeat(0x42, 69_996), bytes("00"));
        assertThat(ByteBufUtil.getBytes(v102)).isEqualTo(expected);
        assertThat(expected).hasSize(70_009);
        v102.release();
    }

    @Test
    void prepare_whenBroadcast_thenRecipientsShareOneEncodingPerVersionClass() {
        Message m = new Message(7, false, false, 0, SeaBytes.latin1("AAAA"), SeaBytes.of(repeat(0x42, 10_000)));
        SeaEncoding encoding = SeaServerEncoder.prepare(ALLOC, m);
        ByteBuf a = encoding.forRecipient((byte) 102);
        ByteBuf b = encoding.forRecipient((byte) 110);
        ByteBuf c = encoding.forRecipient((byte) 97);
        encoding.close();
        // a and b share one reference count (one encoding); c has its own variant
        assertThat(a.refCnt()).isEqualTo(2);
        assertThat(b.refCnt()).isEqualTo(2);
        assertThat(c.refCnt()).isEqualTo(1);
        assertThat(a.readableBytes()).isEqualTo(8 + 10_004 + 1);
        assertThat(c.readableBytes()).isEqualTo(8 + 4 + 1);
        a.release();
        b.release();
        assertThat(ByteBufUtil.getBytes(c)).isEqualTo(bytes("04 00 07 00 00 00 00 04 41 41 41 41 00"));
        c.release();
    }

    @Test
    void prepare_whenFixedMessageBroadcast_thenDuplicatesOfOneBuffer() {
        SeaEncoding encoding = SeaServerEncoder.prepare(ALLOC, new DeleteUser(9));
        ByteBuf a = encoding.forRecipient((byte) 0);
        ByteBuf b = encoding.forRecipient((byte) 102);
        encoding.close();
        assertThat(format(ByteBufUtil.getBytes(a))).isEqualTo("03 00 09");
        assertThat(format(ByteBufUtil.getBytes(b))).isEqualTo("03 00 09");
        a.release();
        b.release();
    }

    @Test
    void encode_whenWrittenThroughChannel_thenBytesAndNoLeak() {
        EmbeddedChannel ch = new EmbeddedChannel();
        SeaEncoding encoding = SeaServerEncoder.prepare(ch.alloc(),
                new Message(5, false, false, 0, SeaBytes.latin1("Hi"), SeaBytes.of(repeat(0x41, 5000))));
        ch.writeOutbound(encoding.forRecipient((byte) 102));
        encoding.close();
        ByteBuf out = ch.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(8 + 5002 + 1);
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void encode_whenPong_thenSingleByte() {
        assertThat(encode(new Pong(), 0)).isEqualTo("05");
    }

    @Test
    void encode_whenUserInfoTv14_thenExactBytes() {
        UserInfo info = new UserInfo(1, SeaBytes.latin1("312-a"), SeaBytes.latin1("hi"), (byte) 97,
                SeaBytes.latin1("192.168.0.5"));
        assertThat(encode(info, 98)).isEqualTo(hex("06 | USERINFO", "01 | faculty", "33 31 32 2d 61 | room",
                "02 68 69 | info", "61 | version", "0b 31 39 32 2e 31 36 38 2e 30 2e 35 | ip"));
        UserInfo fresh = new UserInfo(0, SeaBytes.of(new byte[5]), SeaBytes.EMPTY, (byte) 0,
                SeaBytes.latin1("10.1.1.4"));
        assertThat(encode(fresh, 0)).isEqualTo(hex("06 00 00 00 00 00 00 00 00 08 31 30 2e 31 2e 31 2e 34"));
    }

    @Test
    void encode_whenChatAndCancelTv15_thenSenderIdPatched() {
        assertThat(encode(new Chat(9, SeaBytes.of(bytes("05 68 65 6c 6c 6f"))), 0))
                .isEqualTo(hex("07 00 09 05 68 65 6c 6c 6f"));
        assertThat(encode(new ChatCancel(7, SeaBytes.EMPTY), 0)).isEqualTo(hex("08 00 07"));
    }

    @Test
    void encode_whenMuteTv16_thenExactBytes() {
        assertThat(encode(new Mute(9), 97)).isEqualTo(hex("0a 00 09"));
    }

    @Test
    void encode_whenLinkTv17_thenStr8Url() {
        assertThat(encode(new Link(SeaBytes.latin1("http://example.org/archive/")), 0)).isEqualTo(hex(
                "09 1b 68 74 74 70 3a 2f 2f 65 78 61 6d 70 6c 65 2e 6f 72 67 2f 61 72 63 68 69 76 65 2f"));
        assertThat(encode(new Link(SeaBytes.EMPTY), 0)).isEqualTo("09 00");
    }

    @Test
    void link_whenUrlOver255Bytes_thenRejected() {
        assertThatThrownBy(() -> new Link(SeaBytes.of(repeat(0x61, 256)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encode_whenAltServerTv18_thenRawIp4() {
        assertThat(encode(new AltServer(SeaBytes.of(bytes("0a 00 00 01"))), 0)).isEqualTo(hex("0d 0a 00 00 01"));
    }

    @Test
    void encode_whenRenameTv13_thenForVersion97Up() {
        assertThat(encode(new Rename(9, SeaBytes.latin1("C(r)")), 97)).isEqualTo(hex("0e 00 09 04 43 28 72 29"));
        assertThatThrownBy(() -> encode(new Rename(9, SeaBytes.latin1("C(r)")), 96))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void records_whenIdsOutOfRange_thenRejected() {
        assertThatThrownBy(() -> new DeleteUser(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Away(65535)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddUser(5, SeaBytes.EMPTY, SeaBytes.latin1("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(5, false, true, 0, SeaBytes.EMPTY, SeaBytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
