package dev.switchboard.tools.codec.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeaClientFramesTest {

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] msg(int dst, int flags, String text, int version) {
        byte[] t = ascii(text);
        return SeaClientFrames.sendMessage(dst, flags, t, t, version);
    }

    @Test
    void login_whenTv01_thenExactFrame() {
        assertThat(SeaClientFrames.login(ascii("Alice"), ascii("PC1"))).containsExactly(hex(
                "00 00 0b" // L = 11
                        + "01" // LOGIN
                        + "05 41 6c 69 63 65" // str8 "Alice"
                        + "03 50 43 31")); // str8 "PC1"
    }

    @Test
    void setUserInfo_whenTv02AndTv03_thenExactFrames() {
        assertThat(SeaClientFrames.setUserInfo(1, ascii("312-a"), ascii("hi"), 97)).containsExactly(hex(
                "00 00 0b 04" // L = 11, SET_USERINFO
                        + "01" // faculty
                        + "33 31 32 2d 61" // room "312-a"
                        + "02 68 69" // str8 info "hi"
                        + "61")); // version 97
        assertThat(SeaClientFrames.setUserInfo(2, ascii("105-b"), new byte[0], 102))
                .containsExactly(hex("00 00 09 04 02 31 30 35 2d 62 00 66"));
    }

    @Test
    void setUserInfo_whenRoomShort_thenZeroPaddedToFiveBytes() {
        assertThat(SeaClientFrames.setUserInfo(0, ascii("12"), new byte[0], 102))
                .containsExactly(hex("00 00 09 04 00 31 32 00 00 00 00 66"));
    }

    @Test
    void ping_whenEncoded_thenBareCommand() {
        assertThat(SeaClientFrames.ping()).containsExactly(hex("00 00 01 03"));
    }

    @Test
    void sendMessage_whenTv07ToTv09_thenExactFrames() {
        assertThat(msg(0, 0, "Hi all", 97)).containsExactly(hex(
                "00 00 0d 02" // L = 13, SEND_MESSAGE
                        + "00 00" // dst group
                        + "00 00" // flags, reserved
                        + "00 06 48 69 20 61 6c 6c")); // msglen 6, "Hi all"
        assertThat(msg(7, 2, "yo", 98)).containsExactly(hex("00 00 09 02 00 07 02 00 00 02 79 6f"));
        assertThat(msg(0xFFFF, 0, "P", 98)).containsExactly(hex("00 00 08 02 ff ff 00 00 00 01 50"));
    }

    @Test
    void sendMessage_whenFlagBitZeroSet_thenClearedBecauseTheServerOwnsIt() {
        assertThat(msg(0xFFFF, 3, "print", 102)).containsExactly(hex("00 00 0c 02 ff ff 02 00 00 05 70 72 69 6e 74"));
    }

    @Test
    void sendMessage_whenTv10BigMessage_thenMsglenCoversTextAndLTheWhole() {
        byte[] payload = new byte[70_000];
        Arrays.fill(payload, (byte) 0x42);
        System.arraycopy(ascii("AAAA"), 0, payload, 0, 4);

        byte[] frame = SeaClientFrames.sendMessage(0, 2, ascii("AAAA"), payload, 102);

        assertThat(frame).hasSize(70_010);
        assertThat(Arrays.copyOf(frame, 14)).containsExactly(hex(
                "01 11 77" // L = 70007
                        + "02 00 00 02 00" // SEND_MESSAGE, dst 0, flags 02, reserved
                        + "00 04 41 41 41 41")); // msglen 4, "AAAA"
        assertThat(Arrays.copyOfRange(frame, 14, frame.length)).containsOnly(0x42);
    }

    @Test
    void sendMessage_whenPayloadExactly65535_thenClassicFrameWithLOf65542() {
        byte[] payload = new byte[65_535];
        payload[0] = 'x';
        byte[] frame = SeaClientFrames.sendMessage(0, 0, ascii("x"), payload, 97);

        assertThat(Arrays.copyOf(frame, 10)).containsExactly(hex("01 00 06 02 00 00 00 00 ff ff"));
    }

    @Test
    void sendMessage_whenPayload65536_thenBigFrameWithLOf65543() {
        // §18.15: never L in 65536..65541, which the server kills as a format error.
        byte[] payload = new byte[65_536];
        payload[0] = 'x';
        byte[] frame = SeaClientFrames.sendMessage(0, 0, ascii("x"), payload, 102);

        assertThat(Arrays.copyOf(frame, 10)).containsExactly(hex("01 00 07 02 00 00 00 00 00 01"));
    }

    @Test
    void sendMessage_whenBigButVersionBelow102_thenRejected() {
        byte[] payload = new byte[65_536];
        assertThatThrownBy(() -> SeaClientFrames.sendMessage(0, 0, ascii("x"), payload, 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client version >= 102");
    }

    @Test
    void sendMessage_whenBeyondTheBe24Limit_thenRejected() {
        byte[] payload = new byte[16_777_209];
        assertThatThrownBy(() -> SeaClientFrames.sendMessage(0, 0, ascii("x"), payload, 102))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16777208");
        byte[] largest = new byte[16_777_208];
        assertThat(Arrays.copyOf(SeaClientFrames.sendMessage(0, 0, ascii("x"), largest, 102), 3))
                .containsExactly(hex("ff ff ff"));
    }

    @Test
    void login_whenNameEmptyOrTooLong_thenRejected() {
        assertThatThrownBy(() -> SeaClientFrames.login(new byte[0], ascii("pc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
        assertThatThrownBy(() -> SeaClientFrames.login(ascii("a"), new byte[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("computer name");
    }
}
