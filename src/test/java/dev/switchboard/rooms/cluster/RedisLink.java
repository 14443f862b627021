package dev.switchboard.rooms.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between one gateway node and Redis, so a test can cut that node off: {@link #cut()} closes
 * every relayed connection and stops listening, and from then on the node's heartbeats and events no longer reach
 * Redis, exactly as for a node killed without a goodbye, while the other nodes keep their own connections.
 */
final class RedisLink implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    RedisLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "redis-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code redis://127.0.0.1:<relay port>}. */
    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!cut) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(redis);
                if (cut) {
                    closeAll();
                    return;
                }
                pump(client, redis);
                pump(redis, client);
            } catch (IOException e) {
                return; // cut: the server socket is closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "redis-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Severs the node from Redis: every relayed connection closes and new ones are refused. */
    void cut() {
        cut = true;
        closeQuietly(server);
        closeAll();
    }

    private void closeAll() {
        sockets.forEach(RedisLink::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
