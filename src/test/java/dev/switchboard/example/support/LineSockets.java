package dev.switchboard.example.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Blocking line I/O on a raw example-protocol socket, for integration tests. */
public final class LineSockets {

    private LineSockets() {
    }

    public static void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** One LF-terminated line without the LF; fails on EOF. */
    public static String readLine(Socket socket) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("EOF after '" + line.toString(StandardCharsets.UTF_8) + "'");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
