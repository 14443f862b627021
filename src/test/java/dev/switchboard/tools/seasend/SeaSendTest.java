package dev.switchboard.tools.seasend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** seasend against a fake SEA server on a loopback socket that checks every byte it receives. */
@Timeout(30)
class SeaSendTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void tearDown() throws IOException {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    /**
     * Accepts one connection, reads exactly {@code expectedLength} bytes, answers with {@code reply}, then
     * either closes or (when {@code hold}) keeps the connection open until the test ends.
     */
    private CompletableFuture<byte[]> fakeServer(int expectedLength, byte[] reply, boolean hold) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                received.complete(in.readNBytes(expectedLength));
                s.getOutputStream().write(reply);
                s.getOutputStream().flush();
                if (hold) {
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                received.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fake-sea-server");
        thread.setDaemon(true);
        thread.start();
        return received;
    }

    private String serverArg() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_whenGroupMessage_thenExactFramesSentAndAnswersPrinted() throws Exception {
        byte[] expected = hex("00 00 0b 01 05 41 6c 69 63 65 03 50 43 31" // TV-01 LOGIN Alice/PC1
                + "00 00 0b 04 01 33 31 32 2d 61 02 68 69 61" // TV-02 SET_USERINFO, version 97
                + "00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c" // TV-07 "Hi all" to the group
                + "00 00 01 03"); // PING
        byte[] reply = hex("01 00 05 0b 31 39 32 2e 31 36 38 2e 30 2e 35 00 01 00 05 05 41 6c 69 63 65 03 50 43 31 00 00"
                + "04 00 05 00 00 00 00 06 48 69 20 61 6c 6c 00" // echo of the group message
                + "05"); // PONG
        CompletableFuture<byte[]> received = fakeServer(expected.length, reply, true);
        Path text = file("msg.txt", "Hi all".getBytes(StandardCharsets.US_ASCII));

        int status = SeaSend.run(new String[] {"--server", serverArg(), "-u", "Alice", "-c", "PC1",
                "--client-version", "97", "--faculty", "1", "--room", "312-a", "--info", "hi", text.toString()},
                out, err);

        assertThat(status).as(err()).isZero();
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(expected);
        assertThat(out()).contains("< USERLIST self=5 ip=192.168.0.5 users=1", "    5 Alice[PC1]",
                "< MESSAGE from 5 (group, 6 bytes): Hi all", "< PONG");
    }

    @Test
    void run_whenPrivateWithFlagsAndNoUserInfo_thenNoSetUserInfoFrame() throws Exception {
        byte[] expected = hex("00 00 0b 01 05 43 61 72 6f 6c 03 50 43 39" // LOGIN Carol/PC9
                + "00 00 09 02 00 07 02 00 00 02 79 6f" // TV-08 "yo" to 7, flags 02
                + "00 00 01 03");
        CompletableFuture<byte[]> received = fakeServer(expected.length, hex("05"), true);
        Path text = file("yo.txt", "yo".getBytes(StandardCharsets.US_ASCII));

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "Carol", "-c", "PC9", "--to", "7",
                "--flags", "2", "--no-userinfo", text.toString()}, out, err);

        assertThat(status).as(err()).isZero();
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(expected);
    }

    @Test
    void run_whenPrintersWithWindows1251Names_thenNamesEncodedAndDstFfff() throws Exception {
        byte[] expected = hex("00 00 08 01 03 cf e5 f2 02 cf ca" // LOGIN "Пет"/"ПК" in windows-1251
                + "00 00 09 04 00 00 00 00 00 00 00 66" // SET_USERINFO: empty room and info, version 102
                + "00 00 08 02 ff ff 00 00 00 01 50" // TV-09 "P" to the printers
                + "00 00 01 03");
        CompletableFuture<byte[]> received = fakeServer(expected.length, hex("05"), true);
        Path text = file("p.txt", "P".getBytes(StandardCharsets.US_ASCII));

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "Пет", "-c", "ПК", "-t", "printers",
                text.toString()}, out, err);

        assertThat(status).as(err()).isZero();
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(expected);
    }

    @Test
    void run_whenRtfAndAttachmentMakeItLarge_thenV102BigFrameAndBigEchoDecoded() throws Exception {
        byte[] rtf = new byte[40_000];
        Arrays.fill(rtf, (byte) 'r');
        byte[] data = new byte[30_000];
        Arrays.fill(data, (byte) 'd');
        Path text = file("t.txt", "AAAA".getBytes(StandardCharsets.US_ASCII));
        Path rtfFile = file("m.rtf", rtf);
        Path attach = file("f.bin", data);
        Files.setLastModifiedTime(attach, FileTime.fromMillis(1_234_567_890_000L));
        byte[] payload = concat("AAAA".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, rtf,
                hex("00 46 49 4c 45 49 96 02 d2 05 66 2e 62 69 6e"), data); // 00 "FILE" mtime str8 "f.bin"
        int l = 7 + payload.length;
        byte[] messageFrame = concat(new byte[] {(byte) (l >>> 16), (byte) (l >>> 8), (byte) l},
                hex("02 00 00 00 00 00 04"), payload); // dst 0, flags 0, msglen 4 = the text only
        byte[] expected = concat(hex("00 00 07 01 03 42 6f 62 01 58" // LOGIN Bob/X
                + "00 00 09 04 00 00 00 00 00 00 00 66"), messageFrame, hex("00 00 01 03"));
        byte[] echo = concat(hex("04 00 07 00 00"), new byte[] {(byte) (payload.length >>> 16),
                (byte) (payload.length >>> 8), (byte) payload.length}, payload, hex("00 05"));
        CompletableFuture<byte[]> received = fakeServer(expected.length, echo, true);

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "Bob", "-c", "X", "--rtf", rtfFile.toString(),
                "--attach", attach.toString(), text.toString()}, out, err);

        assertThat(status).as(err()).isZero();
        assertThat(l).isGreaterThanOrEqualTo(65_542);
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(expected);
        assertThat(out()).contains("v102 big message, 4 bytes of text",
                "< MESSAGE from 7 (group, " + payload.length + " bytes): AAAA", "< PONG");
    }

    @Test
    void run_whenRtfFitsClassicFrame_thenInsideMsglen() throws Exception {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        Path rtfFile = file("m.rtf", "{\\rtf1}".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = hex("00 00 05 01 01 61 01 62" // LOGIN a/b
                + "00 00 09 04 00 00 00 00 00 00 00 66"
                + "00 00 11 02 00 00 00 00 00 0a 68 69 00 7b 5c 72 74 66 31 7d" // msglen 10 = "hi" 00 "{\rtf1}"
                + "00 00 01 03");
        CompletableFuture<byte[]> received = fakeServer(expected.length, hex("05"), true);

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "a", "-c", "b", "--rtf", rtfFile.toString(),
                text.toString()}, out, err);

        assertThat(status).as(err()).isZero();
        assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(expected);
    }

    @Test
    void run_whenServerClosesWithoutPong_thenExit1() throws Exception {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        fakeServer(8, new byte[0], false);

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "a", "-c", "b", text.toString()}, out, err);

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("closed the connection before answering the PING");
    }

    @Test
    void run_whenServerNeverAnswers_thenTimeoutExit1() throws Exception {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        fakeServer(8, new byte[0], true);

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "a", "-c", "b", "--timeout", "300ms",
                text.toString()}, out, err);

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("no answer from 127.0.0.1:" + server.getLocalPort() + " within 300 ms");
    }

    @Test
    void run_whenServerSendsGarbage_thenExit1WithParseError() throws Exception {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        fakeServer(8, hex("ee"), true);

        int status = SeaSend.run(new String[] {"-s", serverArg(), "-u", "a", "-c", "b", text.toString()}, out, err);

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("unknown server command 0xee");
    }

    @Test
    void run_whenNothingListens_thenExit1() throws Exception {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        String address = serverArg();
        server.close();

        int status = SeaSend.run(new String[] {"-s", address, "-u", "a", "-c", "b", text.toString()}, out, err);

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("seasend: 127.0.0.1:");
    }

    @Test
    void run_whenHelp_thenUsageAndExit0() {
        assertThat(SeaSend.run(new String[] {"--help"}, out, err)).isZero();
        assertThat(out()).startsWith("Usage: seasend [options] --user NAME TEXT-FILE").contains("--client-version");
        assertThat(err()).isEmpty();
    }

    @Test
    void run_whenArgumentsInvalid_thenExit1WithReason() throws IOException {
        Path text = file("t.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        Path empty = file("empty.txt", new byte[0]);
        Path large = file("large.txt", new byte[65_536]);
        String[][] cases = {
            {text.toString()},
            {"-u", "a"},
            {"-u", "a", "--to", "65534x", text.toString()},
            {"-u", "a", "--to", "70000", text.toString()},
            {"-u", "a", "--bogus", text.toString()},
            {"-u", "a", "--flags", text.toString()},
            {"-u", "a", "--timeout", "0", text.toString()},
            {"-u", "a", "--charset", "nope", text.toString()},
            {"-u", "x".repeat(256), "-c", "b", text.toString()},
            {"-u", "a", "-c", "b", "--room", "123456", text.toString()},
            {"-u", "€", "-c", "b", "--charset", "ISO-8859-1", text.toString()},
            {"-u", "a", "-c", "b", empty.toString()},
            {"-u", "a", "-c", "b", large.toString()},
            {"-u", "a", "-c", "b", dir.resolve("missing.txt").toString()},
            {"-u", "a", "-c", "b", "--client-version", "101", "--attach", large.toString(), text.toString()},
        };
        String[] reasons = {"--user is required", "TEXT-FILE is required", "--to must be", "--to must be",
            "Unknown option: '--bogus'", "--flags must be", "--timeout must be", "unknown charset", "user name must be",
            "room must be", "cannot be written in ISO-8859-1", "is empty", "limited to 65535", "no such file",
            "client version >= 102"};
        for (int i = 0; i < cases.length; i++) {
            errBytes.reset();
            assertThat(SeaSend.run(cases[i], out, err)).as(String.join(" ", cases[i])).isEqualTo(1);
            assertThat(err()).as(String.join(" ", cases[i])).contains(reasons[i]);
        }
    }

    @Test
    void parse_whenShortLongAndEqualsForms_thenSameOptions() {
        SeaSendOptions longForm = SeaSendOptions.parse(new String[] {"--server", "10.0.0.1:9000", "--user", "Ops",
                "--computer", "PC", "--to", "printers", "--flags", "2", "--version", "101", "--faculty", "3",
                "--room", "R1", "--info", "hi", "--charset", "UTF-8", "--timeout", "500ms", "--rtf", "m.rtf",
                "--attach", "a.bin", "text.txt"});
        SeaSendOptions shortForm = SeaSendOptions.parse(new String[] {"-s", "10.0.0.1:9000", "-u", "Ops", "-c", "PC",
                "-t", "65535", "--flags=2", "--client-version=101", "--faculty=3", "--room=R1", "--info=hi",
                "--charset=UTF-8", "--timeout=500ms", "--rtf=m.rtf", "--attach=a.bin", "text.txt"});
        assertThat(shortForm).isEqualTo(longForm);
        assertThat(longForm.host()).isEqualTo("10.0.0.1");
        assertThat(longForm.port()).isEqualTo(9000);
        assertThat(longForm.destination()).isEqualTo(SeaClientFrames.PRINTERS);
        assertThat(longForm.version()).isEqualTo(101);
        assertThat(longForm.timeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(longForm.textFile()).isEqualTo(Path.of("text.txt"));
        assertThat(longForm.sendUserInfo()).isTrue();
        assertThat(SeaSendOptions.parse(new String[] {"-u", "Ops", "-c", "PC", "--no-userinfo", "t"}).sendUserInfo())
                .isFalse();
    }

    @Test
    void parse_whenTwoTextFiles_thenRefused() {
        assertThat(SeaSend.run(new String[] {"-u", "a", "one.txt", "two.txt"}, out, err)).isEqualTo(1);
        assertThat(err()).contains("seasend: ").contains("two.txt");
    }

    @Test
    void usage_listsEveryDocumentedOption() {
        assertThat(SeaSendOptions.USAGE).contains("-s, --server", "-u, --user", "-c, --computer", "-t, --to", "--rtf",
                "--attach", "--flags", "--version, --client-version=N", "--no-userinfo", "--faculty", "--room", "--info",
                "--charset", "--timeout", "-h, --help", "TEXT-FILE", "Exit status: 0");
    }
}
