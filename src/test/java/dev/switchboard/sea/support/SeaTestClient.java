package dev.switchboard.sea.support;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking SEA client over a real loopback socket, with bounded reads (no sleeping). Frames come from
 * the shared client codec ({@link SeaClientFrames}) and server messages are delimited by its reader
 * ({@link SeaServerReader}), independently of the gateway's own codec.
 */
public final class SeaTestClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final SeaServerReader in;
    private final OutputStream out;
    private int id;

    private SeaTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        // Only version-independent layouts are read whole here; tests that switch to v102 read MESSAGE raw.
        this.in = new SeaServerReader(socket.getInputStream(), 0);
        this.out = socket.getOutputStream();
    }

    /** Connects from 127.0.0.1. */
    public static SeaTestClient connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects from a chosen loopback source address, so bans on one address do not affect others. */
    public static SeaTestClient connect(int port, String sourceAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MS);
        return new SeaTestClient(socket);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public int id() {
        return id;
    }

    /** Logs in and reads the USERLIST header and entries; returns the assigned ID. */
    public int login(String user, String comp) throws IOException {
        send(SeaClientFrames.login(Hex.latin1(user), Hex.latin1(comp)));
        readUserList();
        return id;
    }

    /** Reads one USERLIST and returns it raw; records the self ID. */
    public byte[] readUserList() throws IOException {
        byte[] all = in.nextBytes();
        assertThat(all).as("a whole server message before EOF").isNotNull();
        assertThat(all[0]).as("USERLIST code").isEqualTo((byte) SeaServerMessage.USERLIST);
        id = ((all[1] & 0xFF) << 8) | (all[2] & 0xFF);
        return all;
    }

    /** A frame: BE24 length, command, body. */
    public static byte[] frame(int command, byte[] body) {
        return SeaClientFrames.frame(command, body);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendFrame(int command, byte[] body) throws IOException {
        send(frame(command, body));
    }

    /** Sets user info with the given version byte (#4), empty info. */
    public void setVersion(int version) throws IOException {
        send(SeaClientFrames.setUserInfo(1, Hex.latin1("312-a"), new byte[0], version));
    }

    /** Reads exactly {@code n} bytes or fails. */
    public byte[] read(int n) throws IOException {
        byte[] b = in.readExactly(n);
        assertThat(b.length).as("bytes before EOF").isEqualTo(n);
        return b;
    }

    /** Asserts the next bytes are exactly {@code expected}. */
    public void expect(byte[] expected) throws IOException {
        assertThat(Hex.format(read(expected.length))).isEqualTo(Hex.format(expected));
    }

    /** Asserts the next bytes are exactly the hex dump. */
    public void expect(String hex) throws IOException {
        expect(Hex.bytes(hex));
    }

    /**
     * Proves nothing else was queued for this client: a PING's PONG must be the very next byte (the
     * server processes every session on one thread, so earlier output would arrive first).
     */
    public void expectNothingMore() throws IOException {
        send(SeaClientFrames.ping());
        expect("05");
    }

    /** Asserts the server closed the connection without sending anything (more). */
    public void expectClosed() throws IOException {
        try {
            int b = in.read();
            assertThat(b).as("expected EOF, got a byte").isEqualTo(-1);
        } catch (SocketException reset) {
            // A kill with unread input reaches the client as a reset (Errata 3).
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection not closed within " + READ_TIMEOUT_MS + " ms", e);
        }
    }

    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "SeaTestClient(" + id + ", " + Arrays.toString(new int[]{socket.getLocalPort()}) + ")";
    }
}
