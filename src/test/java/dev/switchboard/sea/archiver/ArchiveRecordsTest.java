package dev.switchboard.sea.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ArchiveRecordsTest {

    /** Clock T of the spec's test vectors (§17). */
    private static final long T = 1234567890L;

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").replace("\n", ""));
    }

    private static byte[] wire(String record) {
        return ArchiveText.bytes(record);
    }

    private static UserInfoDump aliceFixtureF() {
        return new UserInfoDump(5, "192.168.0.5", 1025, 0, 1, UserInfoDump.IDLE_INBUF, 1, "312-a", 97, false, true,
                10, T + 3, T, "Alice", "PC1", "hi");
    }

    @Test
    void msg_whenTv07GroupMessage_thenBytesMatchVector() {
        String record = ArchiveRecords.msg(new ArchivedMessage(5, "192.168.0.5", 0, T, "Alice", "PC1", "Hi all"));

        assertThat(wire(record)).containsExactly(hex(
                // "MSG 6 5 192.168.0.5 0 1234567890 Alice[PC1]\n" (44 bytes)
                "4d 53 47 20 36 20 35 20 31 39 32 2e 31 36 38 2e 30 2e 35 20 30 20 31 32 33 34 35 36"
                        + "37 38 39 30 20 41 6c 69 63 65 5b 50 43 31 5d 0a"
                        // "Hi all" (6 raw bytes, no separator after them)
                        + "48 69 20 61 6c 6c"));
        assertThat(wire(record)).hasSize(44 + 6);
    }

    @Test
    void msg_whenTwoRecordsBackToBack_thenMatchesSection134Example() {
        String first = ArchiveRecords.msg(new ArchivedMessage(5, "192.168.0.5", 0, 1234567890L, "Alice", "PC1",
                "Hi all"));
        String second = ArchiveRecords.msg(new ArchivedMessage(11, "192.168.0.6", 0, 1234567904L, "Big Bob", "MY PC",
                "passed\r\n"));

        assertThat(first + second).isEqualTo("MSG 6 5 192.168.0.5 0 1234567890 Alice[PC1]\nHi all"
                + "MSG 8 11 192.168.0.6 0 1234567904 Big Bob[MY PC]\npassed\r\n");
    }

    @Test
    void msg_whenPrivateAndPrintersDestinations_thenDstIdWrittenAsRequested() {
        // TV-08 (private to 7) and TV-09 (printers group = 65535).
        assertThat(ArchiveRecords.msg(new ArchivedMessage(9, "10.0.0.9", 7, T, "Carol", "CAROL-PC", "yo")))
                .isEqualTo("MSG 2 9 10.0.0.9 7 1234567890 Carol[CAROL-PC]\nyo");
        assertThat(ArchiveRecords.msg(new ArchivedMessage(9, "10.0.0.9", 65535, T, "Carol", "CAROL-PC", "P")))
                .isEqualTo("MSG 1 9 10.0.0.9 65535 1234567890 Carol[CAROL-PC]\nP");
    }

    @Test
    void msg_whenTextHoldsCrLfNulAndHighBytes_thenTextAndCountAreRaw() {
        // Windows-1251 bytes "Привет" in the name and CR LF NUL 0xFF in the text pass through unchanged.
        byte[] name = hex("cf f0 e8 e2 e5 f2");
        byte[] text = hex("61 0d 0a 00 ff 0a");
        String record = ArchiveRecords.msg(new ArchivedMessage(7, "192.168.0.6", 0, T, ArchiveText.latin1(name),
                "PC", ArchiveText.latin1(text)));

        byte[] expectedLine = ArchiveText.bytes("MSG 6 7 192.168.0.6 0 1234567890 ");
        byte[] bytes = wire(record);
        assertThat(bytes).startsWith(expectedLine);
        assertThat(bytes).endsWith(hex("cf f0 e8 e2 e5 f2 5b 50 43 5d 0a 61 0d 0a 00 ff 0a"));
        assertThat(bytes).hasSize(expectedLine.length + 6 + 4 + 1 + 6);
    }

    @Test
    void msg_whenNameHasSpacesAndBrackets_thenKeptVerbatim() {
        // §18.17: names may contain spaces and '[' ']'; the format is kept as is.
        assertThat(ArchiveRecords.msg(new ArchivedMessage(9, "10.0.0.9", 0, T, "a [b]", "c]d", "x")))
                .isEqualTo("MSG 1 9 10.0.0.9 0 1234567890 a [b][c]d]\nx");
    }

    @Test
    void msg_whenNameHoldsControlBytes_thenReplacedSoTheLineCannotBreak() {
        assertThat(ArchiveRecords.msg(new ArchivedMessage(9, "10.0.0.9", 0, T, "a\nb", "c\0d\u001f", "x\n")))
                .isEqualTo("MSG 2 9 10.0.0.9 0 1234567890 a_b[c_d_]\nx\n");
    }

    @Test
    void msg_whenTextEmpty_thenRejected() {
        // §5.3 step 5 / §13.4: zero-length messages produce no record.
        assertThatThrownBy(() -> new ArchivedMessage(9, "10.0.0.9", 0, T, "Carol", "CAROL-PC", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }

    @Test
    void msg_whenIdOutOfRange_thenRejected() {
        assertThatThrownBy(() -> new ArchivedMessage(65536, "10.0.0.9", 0, T, "a", "b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srcId");
        assertThatThrownBy(() -> new ArchivedMessage(1, "10.0.0.9", -1, T, "a", "b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dstId");
    }

    @Test
    void msg_whenTextIsNotRawBytes_thenRejected() {
        assertThatThrownBy(() -> new ArchivedMessage(1, "10.0.0.9", 0, T, "a", "b", "\u041f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+041F");
    }

    @Test
    void time_whenTv21KeepAlive_thenBytesMatchVector() {
        assertThat(wire(ArchiveRecords.time(T + 90))).containsExactly(hex(
                "54 49 4d 45 20 30 20 31 32 33 34 35 36 37 39 38 30 0a"));
    }

    @Test
    void userInfo_whenTv21Alice_thenMatchesVector() {
        assertThat(ArchiveRecords.userInfo(aliceFixtureF())).isEqualTo("USERINFO 2 5 ip=192.168.0.5 port=1025 "
                + "cmdlen=0 readlen=1 inbuf=0x0 faculty=1 room=312-a version=97 printer=0 away=1 max_penalty=10 "
                + "penalty_timer=1234567893 last_activity=1234567890 usercomp=Alice[PC1]\nhi");
    }

    @Test
    void userInfo_whenSessionNeverSentUserInfo_thenRoomEmptyAndZeroes() {
        String record = ArchiveRecords.userInfo(new UserInfoDump(11, "10.1.1.4", 4000, 0, 14, "0x0", 0,
                "\0\0\0\0\0", 0, false, false, 10, 0, T, "a", "b", ""));

        assertThat(record).isEqualTo("USERINFO 0 11 ip=10.1.1.4 port=4000 cmdlen=0 readlen=14 inbuf=0x0 "
                + "faculty=0 room= version=0 printer=0 away=0 max_penalty=10 penalty_timer=0 "
                + "last_activity=1234567890 usercomp=a[b]\n");
    }

    @Test
    void userInfo_whenRoomHasControlBytesSpacesAndNul_thenCutAtNulAndEscaped() {
        String record = ArchiveRecords.userInfo(new UserInfoDump(5, "1.2.3.4", 1, 0, 0, "0x0", 255, "a\nb \0",
                200, true, false, 10, 0, 0, "u", "c", "line1\nline2"));

        assertThat(record).contains(" faculty=255 room=a_b  version=200 printer=1 away=0 ");
        assertThat(record).startsWith("USERINFO 11 5 ");
        // The info part is raw: its LF is preserved and counted.
        assertThat(record).endsWith("usercomp=u[c]\nline1\nline2");
        assertThat(record.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    }

    @Test
    void userInfo_whenHighBytesInRoomAndNames_thenVerbatim() {
        String room = ArchiveText.latin1(hex("ea 2d 31 32 33"));
        String record = ArchiveRecords.userInfo(new UserInfoDump(5, "1.2.3.4", 1, 0, 0, "0x0", 1, room, 97, false,
                false, 10, 0, 0, ArchiveText.latin1(hex("c0 7f")), "c", ""));

        assertThat(wire(record)).containsSequence(hex("72 6f 6f 6d 3d ea 2d 31 32 33 20")); // "room=" ea "-123 "
        assertThat(wire(record)).containsSequence(hex("3d c0 7f 5b 63 5d 0a")); // "=" c0 7f "[c]\n"
    }

    @Test
    void userInfo_whenRoomLongerThanFiveBytes_thenRejected() {
        assertThatThrownBy(() -> new UserInfoDump(5, "1.2.3.4", 1, 0, 0, "0x0", 1, "123456", 97, false, false, 10,
                0, 0, "u", "c", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room");
    }

    @Test
    void userInfo_whenInfoLongerThan255_thenRejected() {
        assertThatThrownBy(() -> new UserInfoDump(5, "1.2.3.4", 1, 0, 0, "0x0", 1, "", 97, false, false, 10, 0, 0,
                "u", "c", "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("info");
    }

    @Test
    void banEntry_whenTv21Block_thenMatchesVector() {
        assertThat(ArchiveRecords.banEntry(new BanDump("172.16.0.0/12", T + 60)))
                .isEqualTo("BANENTRY 0 txtaddr=172.16.0.0/12 expire=1234567950\n");
    }

    @Test
    void banEntry_whenPermanent_thenExpiresIn2038() {
        assertThat(ArchiveRecords.banEntry(BanDump.permanent("10.0.0.0/8")))
                .isEqualTo("BANENTRY 0 txtaddr=10.0.0.0/8 expire=2147483647\n");
    }

    @Test
    void banEntry_whenTextHoldsNewline_thenEscaped() {
        assertThat(ArchiveRecords.banEntry(new BanDump("1.2.3.4\nGLOBALVARS", 5)))
                .isEqualTo("BANENTRY 0 txtaddr=1.2.3.4_GLOBALVARS expire=5\n");
    }

    @Test
    void globalVars_whenTv21Settings_thenMatchesVector() {
        assertThat(ArchiveRecords.globalVars(new GlobalVars(1, false, 6, 60, 3, 4, "tcp://10.0.0.2:9000")))
                .isEqualTo("GLOBALVARS 0 debug=1 strict=0 flood_threshold=6 ban_timeout=60 usercount=3 archsock=4 "
                        + "archpath=tcp://10.0.0.2:9000\n");
        assertThat(ArchiveRecords.globalVars(new GlobalVars(2, true, 3, 30, 0, -1, "")))
                .isEqualTo("GLOBALVARS 0 debug=2 strict=1 flood_threshold=3 ban_timeout=30 usercount=0 archsock=-1 "
                        + "archpath=\n");
    }

    @Test
    void globalVars_whenArchSockZeroOrDebugOutOfRange_thenRejected() {
        assertThatThrownBy(() -> new GlobalVars(1, false, 6, 60, 3, 0, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("archSock");
        assertThatThrownBy(() -> new GlobalVars(3, false, 6, 60, 3, -1, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("debug");
    }

    @Test
    void bytes_whenCharAboveFf_thenRejectedInsteadOfWritingQuestionMark() {
        assertThatThrownBy(() -> ArchiveText.bytes("MSG 1 \u20ac"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+20AC");
    }

    @Test
    void latin1_whenAllByteValues_thenRoundTripsLosslessly() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(ArchiveText.bytes(ArchiveText.latin1(all))).containsExactly(all);
    }
}
