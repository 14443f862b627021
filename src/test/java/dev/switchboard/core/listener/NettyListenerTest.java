package dev.switchboard.core.listener;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.metrics.ChannelMetricsRecorder;
import dev.switchboard.core.netty.EventLoopGroups;
import dev.switchboard.core.netty.NettyProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramPacket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

@Timeout(30)
class NettyListenerTest {

    private final EventLoopGroups groups = new EventLoopGroups(
            new NettyProperties(2, 1, NettyProperties.TransportKind.AUTO, Duration.ZERO, Duration.ofSeconds(2)));
    private final CountingRecorder recorder = new CountingRecorder();
    private NettyListener listener;

    @AfterEach
    void tearDown() {
        if (listener != null) {
            listener.stop();
        }
        groups.destroy();
    }

    /** Echoes every byte back, so the tests see a working pipeline behind the core's first stage. */
    /** An echo whose connections end with {@code goodbye} (a core connection is attached to each). */
    private static ChannelInitializer<Channel> echoSaying(Goodbye goodbye) {
        ChannelInitializer<Channel> echo = echo();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                Connection.attach(ch, "test", Long.MAX_VALUE, goodbye, new Disconnector(new SimpleMeterRegistry()));
                ch.pipeline().addLast(echo);
            }
        };
    }

    private static ChannelInitializer<Channel> echo() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof DatagramPacket packet) {
                            ctx.writeAndFlush(new DatagramPacket(packet.content().retain(), packet.sender()));
                            packet.release();
                        } else {
                            ctx.writeAndFlush(msg);
                        }
                    }
                });
            }
        };
    }

    private static ListenerProperties props(Transport transport, Integer port, Path path) {
        return new ListenerProperties(true, transport, "127.0.0.1", port, path, 128,
                DataSize.ofKilobytes(32), DataSize.ofKilobytes(64));
    }

    private static ListenerProperties cappedTcp(int maxConnections, int maxUnauthenticatedPerAddress) {
        return new ListenerProperties(true, Transport.TCP, "127.0.0.1", 0, null, 128,
                DataSize.ofKilobytes(32), DataSize.ofKilobytes(64), maxConnections, maxUnauthenticatedPerAddress);
    }

    private static String roundTrip(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void start_whenTcpPortZero_thenBindsEphemeralAndServesPipeline() throws Exception {
        listener = new NettyListener(new ListenerDefinition("t", "test", props(Transport.TCP, 0, null), echo()),
                groups, recorder);
        listener.start();

        assertThat(listener.isRunning()).isTrue();
        assertThat(listener.port()).isPositive();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(5000);
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            assertThat(listener.connections().size()).isEqualTo(1);
        }
        await().until(() -> recorder.closed.get() == 1);
        assertThat(recorder.accepted.get()).isEqualTo(1);
        assertThat(recorder.bytesIn.get()).isEqualTo(5);
        assertThat(recorder.bytesOut.get()).isEqualTo(5);
    }

    @Test
    void unbind_whenConnectionsLive_thenRefusesNewButKeepsServingOld() throws Exception {
        listener = new NettyListener(new ListenerDefinition("t", "test", props(Transport.TCP, 0, null), echo()),
                groups, recorder);
        listener.start();
        int port = listener.port();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            await().until(() -> listener.connections().size() == 1);
            listener.unbind();

            assertThat(listener.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(java.net.ConnectException.class);
            assertThat(roundTrip(socket, "still")).isEqualTo("still");
        }
    }

    @Test
    void start_afterUnbind_thenBindsAgain() throws Exception {
        listener = new NettyListener(new ListenerDefinition("t", "test", props(Transport.TCP, 0, null), echo()),
                groups, recorder);
        listener.start();
        listener.unbind();
        listener.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(5000);
            assertThat(roundTrip(socket, "again")).isEqualTo("again");
        }
    }

    @Test
    void drain_whenConnectionsLive_thenGoodbyeIsDeliveredBeforeClose() throws Exception {
        CopyOnWriteArrayList<Channel> told = new CopyOnWriteArrayList<>();
        Goodbye goodbye = (ch, reason) -> {
            told.add(ch);
            ch.writeAndFlush(Unpooled.copiedBuffer("bye\n", StandardCharsets.US_ASCII));
        };
        listener = new NettyListener(
                new ListenerDefinition("t", "test", props(Transport.TCP, 0, null), echoSaying(goodbye)), groups,
                recorder);
        listener.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(5000);
            await().until(() -> listener.connections().size() == 1);

            assertThat(listener.drain(Duration.ofSeconds(5))).isTrue();

            assertThat(told).hasSize(1);
            assertThat(socket.getInputStream().readAllBytes()).isEqualTo("bye\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(listener.connections().size()).isZero();
    }

    @Test
    void drain_whenPeerStopsReading_thenClosesHardAtTimeout() throws Exception {
        Goodbye flood = (ch, reason) -> ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[8 * 1024 * 1024]));
        listener = new NettyListener(
                new ListenerDefinition("t", "test", props(Transport.TCP, 0, null), echoSaying(flood)), groups,
                recorder);
        listener.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setReceiveBufferSize(4096);
            await().until(() -> listener.connections().size() == 1);

            assertThat(listener.drain(Duration.ofMillis(300))).isFalse();
            assertThat(listener.connections().size()).isZero();
        }
    }

    @Test
    void start_whenUdp_thenDatagramsReachPipeline() throws Exception {
        listener = new NettyListener(new ListenerDefinition("u", "test", props(Transport.UDP, 0, null), echo()),
                groups, recorder);
        listener.start();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] data = "ping".getBytes(StandardCharsets.US_ASCII);
            socket.send(new java.net.DatagramPacket(data, data.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port())));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[16], 16);
            socket.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
    }

    @Test
    void start_whenUnix_thenServesOnSocketFileAndRemovesItOnUnbind(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("sub/test.sock");
        listener = new NettyListener(new ListenerDefinition("x", "test", props(Transport.UNIX, null, path), echo()),
                groups, recorder);
        listener.start();
        assertThat(Files.exists(path)).isTrue();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.write(ByteBuffer.wrap("unix".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(4);
            while (reply.hasRemaining() && channel.read(reply) >= 0) {
                // read until the echo is complete
            }
            assertThat(new String(reply.array(), StandardCharsets.US_ASCII)).isEqualTo("unix");
        }
        listener.unbind();
        assertThat(Files.exists(path)).isFalse();
    }

    @Test
    void start_whenPortTaken_thenFailsLoudly() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NettyListener clash = new NettyListener(
                    new ListenerDefinition("t", "test", props(Transport.TCP, taken.getLocalPort(), null), echo()),
                    groups, recorder);
            assertThatThrownBy(clash::start).isInstanceOf(Exception.class);
            assertThat(clash.isRunning()).isFalse();
        }
    }

    /** Counts what the metrics stage reports. */
    static final class CountingRecorder implements ChannelMetricsRecorder, ChannelMetricsRecorder.ListenerMeters {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger bytesIn = new AtomicInteger();
        final AtomicInteger bytesOut = new AtomicInteger();

        @Override
        public ListenerMeters forListener(String name) {
            return this;
        }

        @Override
        public void connectionAccepted() {
            accepted.incrementAndGet();
        }

        @Override
        public void connectionClosed() {
            closed.incrementAndGet();
        }

        @Override
        public void bytesRead(long bytes) {
            bytesIn.addAndGet((int) bytes);
        }

        @Override
        public void bytesWritten(long bytes) {
            bytesOut.addAndGet((int) bytes);
        }

        @Override
        public void becameUnwritable() {
        }
    }

    /** Reads until the server closes the connection: true if it closed without sending anything. */
    private static boolean closedByServer(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static Socket connectFrom(String source, int port) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return socket;
    }

    @Test
    void accept_whenMaxConnectionsReached_thenExtraConnectionsClosedAndCountedUntilOneLeaves() throws Exception {
        listener = new NettyListener(new ListenerDefinition("t", "test",
                cappedTcp(3, 100), echo()), groups, recorder);
        listener.start();
        java.util.List<Socket> kept = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = connectFrom("127.0.0.1", listener.port());
                kept.add(socket);
                socket.setSoTimeout(5000);
                assertThat(roundTrip(socket, "ok" + i)).isEqualTo("ok" + i);
            }
            for (int i = 0; i < 2; i++) {
                try (Socket extra = connectFrom("127.0.0.1", listener.port())) {
                    assertThat(closedByServer(extra)).isTrue();
                }
            }
            assertThat(listener.admission().refused(ConnectionRefusal.MAX_CONNECTIONS)).isEqualTo(2);
            assertThat(listener.admission().open()).isEqualTo(3);
            assertThat(recorder.accepted.get()).as("refused connections never reach the pipeline").isEqualTo(3);

            kept.remove(0).close();
            await().until(() -> listener.admission().open() == 2);
            try (Socket again = connectFrom("127.0.0.1", listener.port())) {
                again.setSoTimeout(5000);
                assertThat(roundTrip(again, "back")).isEqualTo("back");
            }
        } finally {
            for (Socket socket : kept) {
                socket.close();
            }
        }
    }

    @Test
    void accept_whenAddressHasTooManyUnauthenticated_thenRefusedUntilOneAuthenticates() throws Exception {
        listener = new NettyListener(new ListenerDefinition("t", "test",
                cappedTcp(100, 2), echo()), groups, recorder);
        listener.start();
        try (Socket a = connectFrom("127.0.0.1", listener.port());
             Socket b = connectFrom("127.0.0.1", listener.port());
             Socket other = connectFrom("127.0.0.2", listener.port())) {
            other.setSoTimeout(5000);
            await().until(() -> listener.connections().size() == 3);
            try (Socket third = connectFrom("127.0.0.1", listener.port())) {
                assertThat(closedByServer(third)).isTrue();
            }
            assertThat(roundTrip(other, "fine")).isEqualTo("fine");
            assertThat(listener.admission().refused(ConnectionRefusal.UNAUTHENTICATED_PER_ADDRESS)).isEqualTo(1);
            assertThat(listener.admission().unauthenticated()).isEqualTo(3);

            // One of 127.0.0.1's connections logs in: the address may open another.
            Channel fromA = listener.connections().stream()
                    .filter(ch -> ((InetSocketAddress) ch.remoteAddress()).getPort() == a.getLocalPort())
                    .findFirst().orElseThrow();
            ConnectionAdmission.authenticated(fromA);
            ConnectionAdmission.authenticated(fromA);
            assertThat(listener.admission().unauthenticated()).isEqualTo(2);
            try (Socket fourth = connectFrom("127.0.0.1", listener.port())) {
                fourth.setSoTimeout(5000);
                assertThat(roundTrip(fourth, "in")).isEqualTo("in");
            }
        }
        await().until(() -> listener.admission().open() == 0 && listener.admission().unauthenticated() == 0);
    }

    @Test
    void start_whenUdp_thenTheSocketIsNotCountedAsAConnection() {
        listener = new NettyListener(new ListenerDefinition("u", "test", props(Transport.UDP, 0, null), echo()),
                groups, recorder);
        listener.start();
        assertThat(listener.isRunning()).isTrue();
        assertThat(listener.connections().size()).isZero();
        listener.unbind();
        assertThat(listener.isRunning()).isFalse();
    }
}
