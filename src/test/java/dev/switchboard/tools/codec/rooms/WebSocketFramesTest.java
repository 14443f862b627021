package dev.switchboard.tools.codec.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.support.SpecVectors;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shared client framing against the rooms spec's frame vectors (§11 V3, V11, V12, V14). */
class WebSocketFramesTest {

    private static final byte[] V11_MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    @Test
    void clientFrame_whenV1MaskedWithV11Key_thenExactlyV11() {
        assertThat(WebSocketFrames.clientFrame(WebSocketFrames.FIN_BINARY, SpecVectors.V1, V11_MASK))
                .containsExactly(SpecVectors.V11_FRAME);
    }

    @Test
    void clientFrame_whenBrowserClose1001_thenExactlyV14() {
        assertThat(WebSocketFrames.clientFrame(0x80 | WebSocketFrames.CLOSE,
                WebSocketFrames.closePayload(1001, new byte[0]), new byte[] {1, 2, 3, 4}))
                .containsExactly(SpecVectors.V14_CLIENT_CLOSE);
    }

    @Test
    void parse_whenV3ServerFrame_thenRespOkPacketAndWholeLength() {
        WebSocketFrames.Frame frame = WebSocketFrames.parse(SpecVectors.V3_FRAME, 0, SpecVectors.V3_FRAME.length);

        assertThat(frame.fin()).isTrue();
        assertThat(frame.opcode()).isEqualTo(WebSocketFrames.BINARY);
        assertThat(frame.masked()).isFalse();
        assertThat(frame.wireLength()).isEqualTo(SpecVectors.V3_FRAME.length);
        TPackets.TPacket packet = TPackets.decode(frame.payload());
        assertThat(packet.cmd()).isEqualTo(TPackets.RESP_OK);
        assertThat(packet.uid()).isEqualTo(0x1001);
    }

    @Test
    void parse_whenCutAnywhereBeforeTheEnd_thenIncomplete() {
        byte[] v11 = SpecVectors.V11_FRAME;
        for (int cut = 0; cut < v11.length; cut++) {
            assertThat(WebSocketFrames.parse(v11, 0, cut)).as("cut at %d", cut).isNull();
        }
        WebSocketFrames.Frame whole = WebSocketFrames.parse(v11, 0, v11.length);
        assertThat(whole.masked()).isTrue();
        assertThat(whole.payload()).as("unmasked").containsExactly(SpecVectors.V1);
    }

    @Test
    void read_whenV12SixteenBitLength_thenLengthAndServerCloseV14() throws IOException {
        byte[] v12 = Arrays.copyOf(SpecVectors.V12_HEADERS, SpecVectors.V12_HEADERS.length + 200);
        byte[] stream = Arrays.copyOf(v12, v12.length + SpecVectors.V14_SERVER_CLOSE.length);
        System.arraycopy(SpecVectors.V14_SERVER_CLOSE, 0, stream, v12.length, SpecVectors.V14_SERVER_CLOSE.length);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));

        WebSocketFrames.Frame first = WebSocketFrames.read(in.readUnsignedByte(), in);
        assertThat(first.payload()).hasSize(224);
        assertThat(first.wireLength()).isEqualTo(4 + 224);
        WebSocketFrames.Frame close = WebSocketFrames.read(in.readUnsignedByte(), in);
        assertThat(close.opcode()).isEqualTo(WebSocketFrames.CLOSE);
        assertThat(close.closeCode()).isEqualTo(1001);
    }
}
