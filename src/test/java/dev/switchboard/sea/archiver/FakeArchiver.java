package dev.switchboard.sea.archiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test archiver on a real loopback TCP port or Unix-domain socket: accepts connections and records every
 * byte it reads. It can be stopped and started again on the same address, and reading can be held back so
 * the client's socket buffers fill up.
 */
final class FakeArchiver implements AutoCloseable {

    private final boolean unix;
    private final Path path;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch readGate = new CountDownLatch(0);
    private volatile ServerSocketChannel server;
    private int port;

    private FakeArchiver(boolean unix, Path path) {
        this.unix = unix;
        this.path = path;
    }

    /** A TCP archiver on an ephemeral loopback port. */
    static FakeArchiver tcp() throws IOException {
        FakeArchiver fake = new FakeArchiver(false, null);
        fake.start();
        return fake;
    }

    /** A Unix-domain archiver at {@code path} (not started yet when {@code start} is false). */
    static FakeArchiver unix(Path path, boolean start) throws IOException {
        FakeArchiver fake = new FakeArchiver(true, path);
        if (start) {
            fake.start();
        }
        return fake;
    }

    String url() {
        return unix ? "unix:" + path : "tcp://127.0.0.1:" + port;
    }

    synchronized void start() throws IOException {
        ServerSocketChannel ssc;
        SocketAddress bindTo;
        if (unix) {
            Files.deleteIfExists(path);
            ssc = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            bindTo = UnixDomainSocketAddress.of(path);
        } else {
            ssc = ServerSocketChannel.open();
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            // port 0 the first time; the same port again after a restart.
            bindTo = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        ssc.bind(bindTo);
        if (!unix) {
            port = ((InetSocketAddress) ssc.getLocalAddress()).getPort();
        }
        server = ssc;
        Thread acceptor = new Thread(() -> acceptLoop(ssc), "fake-archiver-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** Closes the listening socket and every accepted connection (an archiver crash or restart). */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (SocketChannel ch : connections) {
            ch.close();
        }
        connections.clear();
        if (unix) {
            Files.deleteIfExists(path);
        }
    }

    /** Holds back reading until {@link #resumeReading()}, so the client's buffers fill up. */
    void pauseReading() {
        readGate = new CountDownLatch(1);
    }

    void resumeReading() {
        readGate.countDown();
    }

    int accepted() {
        return accepted.get();
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    String receivedText() {
        return new String(received(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        resumeReading();
        stop();
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop(ServerSocketChannel ssc) {
        try {
            while (ssc.isOpen()) {
                SocketChannel ch = ssc.accept();
                accepted.incrementAndGet();
                connections.add(ch);
                Thread reader = new Thread(() -> readLoop(ch), "fake-archiver-read");
                reader.setDaemon(true);
                threads.add(reader);
                reader.start();
            }
        } catch (IOException e) {
            // closed by stop()
        }
    }

    private void readLoop(SocketChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                readGate.await();
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                synchronized (received) {
                    received.write(buf.array(), 0, n);
                }
            }
        } catch (IOException e) {
            // closed by stop()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
