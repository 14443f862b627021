package dev.switchboard.http.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A loopback socket that sends raw request bytes and reads raw responses, with a read timeout. */
public final class RawHttpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    public RawHttpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    public RawHttpClient send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    public RawResponse read() throws IOException {
        return RawResponse.read(in, false);
    }

    public RawResponse readHead() throws IOException {
        return RawResponse.read(in, true);
    }

    /**
     * Blocks until the server closes the connection (end of stream or reset), failing with a
     * SocketTimeoutException if that takes longer than the read timeout; returns the number of
     * bytes that arrived before the close.
     */
    public int awaitClosed() throws IOException {
        int extra = 0;
        try {
            while (in.read() >= 0) {
                extra++;
            }
        } catch (SocketException e) {
            // A reset is a close too.
        }
        return extra;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
