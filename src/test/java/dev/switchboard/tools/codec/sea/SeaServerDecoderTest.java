package dev.switchboard.tools.codec.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.tools.load.Stamp;
import dev.switchboard.tools.load.sea.SeaClientProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeaServerDecoderTest {

    private static final byte[] USERLIST = {
            0x01,                         // USERLIST
            0x00, 0x07,                   // selfID 7
            0x03, '1', '.', '2',          // str8 ipText "1.2"
            0x00, 0x02,                   // count 2
            0x00, 0x07, 0x01, 'a', 0x01, 'b',      // entry: ID 7, "a", "b"
            0x00, 0x09, 0x02, 'c', 'd', 0x00,      // entry: ID 9, "cd", ""
            0x00, 0x00,                   // TCPSender users: always zero
    };
    private static final byte[] ADDUSER = {0x02, 0x00, 0x0a, 0x01, 'u', 0x02, 'p', 'c'}; // ADDUSER ID 10 "u" "pc"
    private static final byte[] DELETEUSER = {0x03, 0x00, 0x0a};                         // DELETEUSER ID 10
    private static final byte[] MESSAGE = {
            0x04,                         // MESSAGE
            0x00, 0x09,                   // senderID 9
            0x00,                         // private: group
            0x00, 0x00,                   // A, B (version < 102 recipient, not printers)
            0x00, 0x02,                   // msglen 2
            'h', 'i',                     // text
            0x00,                         // terminator
    };
    private static final byte[] PONG = {0x05};

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SeaServerDecoder(1024, 0));
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add(m);
        }
        return out;
    }

    private static String describe(Object m) {
        try {
            if (m instanceof SeaMessageText message) {
                return "MESSAGE " + message.senderId() + " " + message.isPrivate() + " "
                        + message.content().toString(java.nio.charset.StandardCharsets.US_ASCII);
            }
            if (m instanceof SeaServerMessage.UserList list) {
                return "UserList[selfId=" + list.selfId() + ", count=" + list.users().size() + "]";
            }
            if (m instanceof SeaServerMessage.AddUser add) {
                return "AddUser[id=" + add.user().id() + "]";
            }
            if (m instanceof SeaServerMessage.Pong) {
                return "Other[code=5]";
            }
            if (m instanceof SeaServerDecoder.Failure failure) {
                return "Malformed[reason=" + failure.reason() + "]";
            }
            return m.toString();
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    @Test
    void decode_whenEachMessageWhole_thenOneRecordEach() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(concat(USERLIST, ADDUSER, DELETEUSER, MESSAGE, PONG)));
        assertThat(drain(ch).stream().map(SeaServerDecoderTest::describe)).containsExactly(
                "UserList[selfId=7, count=2]", "AddUser[id=10]", "DeleteUser[id=10]", "MESSAGE 9 false hi", "Other[code=5]");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenSplitAtEveryByte_thenSameRecords() {
        byte[] all = concat(USERLIST, MESSAGE, ADDUSER);
        for (int cut = 1; cut < all.length; cut++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(all, cut, all.length - cut));
            assertThat(drain(ch).stream().map(SeaServerDecoderTest::describe)).as("cut at %d", cut)
                    .containsExactly("UserList[selfId=7, count=2]", "MESSAGE 9 false hi", "AddUser[id=10]");
            assertFalse(ch.finish());
        }
    }

    @Test
    void decode_whenTruncatedThenClosed_thenNothingEmitted() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(MESSAGE, 0, MESSAGE.length - 1));
        assertThat(drain(ch)).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenUnknownCode_thenMalformedAndRestDiscarded() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(concat(PONG, new byte[] {0x0f, 0x00, 0x01}, MESSAGE)));
        ch.writeInbound(Unpooled.wrappedBuffer(MESSAGE));
        assertThat(drain(ch).stream().map(SeaServerDecoderTest::describe))
                .containsExactly("Other[code=5]", "Malformed[reason=unexpected server message code 15]");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenSinkGiven_thenMessagesInPlaceAndOtherMessagesInStreamOrder() {
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new SeaServerDecoder(1024, 0,
                (sender, isPrivate, in, index, length) -> seen.add("MESSAGE " + sender + " " + isPrivate + " "
                        + in.toString(index, length, java.nio.charset.StandardCharsets.US_ASCII))),
                new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        seen.add(describe(msg));
                    }
                });
        byte[] all = concat(MESSAGE, USERLIST, MESSAGE, MESSAGE, PONG, MESSAGE);
        for (int cut = 1; cut < all.length; cut++) {
            seen.clear();
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(all, cut, all.length - cut));
            assertThat(seen).as("cut at %d", cut).containsExactly("MESSAGE 9 false hi", "UserList[selfId=7, count=2]",
                    "MESSAGE 9 false hi", "MESSAGE 9 false hi", "Other[code=5]", "MESSAGE 9 false hi");
        }
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenMessageTerminatorMissing_thenMalformedAndRestDiscarded() {
        EmbeddedChannel ch = channel();
        byte[] broken = MESSAGE.clone();
        broken[broken.length - 1] = 0x01; // the terminator must be 00 (§9.3)
        ch.writeInbound(Unpooled.wrappedBuffer(concat(broken, PONG)));
        assertThat(drain(ch).stream().map(SeaServerDecoderTest::describe))
                .containsExactly("Malformed[reason=MESSAGE not followed by its 00 terminator (got 0x01)]");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenV102Session_thenBe24LengthAndFlagByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new SeaServerDecoder(1024, 102));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {
                0x04,                 // MESSAGE
                0x00, 0x09,           // senderID 9
                0x01,                 // private
                0x03,                 // flags: 0x02 from the sender, bit 0 printers
                0x00, 0x00, 0x02,     // BE24 length 2
                'y', 'o',             // payload
                0x00}));              // terminator
        Object m = ch.readInbound();
        assertThat(m).isInstanceOf(SeaMessageText.class);
        assertThat(((SeaMessageText) m).printers()).isTrue();
        assertThat(describe(m)).as("describe releases the holder").isEqualTo("MESSAGE 9 true yo");
        assertFalse(ch.finish());
    }

    @Test
    void decode_whenMessageOverTheLimit_thenMalformed() {
        EmbeddedChannel ch = new EmbeddedChannel(new SeaServerDecoder(16, 0));
        // MESSAGE header announcing 100 text bytes, followed by 20 of them: already past the 16-byte cap.
        ByteBuf big = Unpooled.buffer().writeBytes(new byte[] {0x04, 0, 1, 0, 0, 0, 0, 100}).writeZero(20);
        ch.writeInbound(big);
        assertThat(drain(ch).stream().map(SeaServerDecoderTest::describe))
                .containsExactly("Malformed[reason=server message longer than 16 bytes]");
        assertFalse(ch.finish());
    }

    @Test
    void sendMessage_whenEncoded_thenFramedAsSpecAndStampReadsBack() {
        ByteBuf frame = SeaClientProtocol.stampedMessage(ByteBufAllocator.DEFAULT, 0, 3, 123456789L, 40);
        try {
            assertThat(frame.getUnsignedMedium(0)).isEqualTo(7 + 40); // L = 7 + msglen
            assertThat((int) frame.getUnsignedByte(3)).isEqualTo(2);  // SEND_MESSAGE
            assertThat(frame.getUnsignedShort(4)).isZero();           // dst: everybody
            assertThat(frame.getUnsignedShort(8)).isEqualTo(40);      // msglen
            assertThat(Stamp.read(frame, 10, 40)).isEqualTo(new Stamp(3, 123456789L));
            assertThat(frame.readableBytes()).isEqualTo(3 + 7 + 40);
        } finally {
            frame.release();
        }
    }

    @Test
    void login_whenEncoded_thenMatchesSpecLayout() {
        ByteBuf frame = SeaClientFrames.login(ByteBufAllocator.DEFAULT, new byte[] {'u'}, new byte[] {'p', 'c'});
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.getBytes(0, bytes);
            assertThat(bytes).containsExactly(
                    0x00, 0x00, 0x06,   // L = 3 + ulen 1 + clen 2
                    0x01,               // LOGIN
                    0x01, 'u',          // str8 username
                    0x02, 'p', 'c');    // str8 compname
        } finally {
            frame.release();
        }
    }
}
