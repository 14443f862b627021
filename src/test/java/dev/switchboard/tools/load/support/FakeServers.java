package dev.switchboard.tools.load.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Minimal loopback servers for testing the driver itself without the gateway: the example
 * conversation (§6.1), and a SEA subset (LOGIN → USERLIST, SEND_MESSAGE to 0 → MESSAGE to all).
 * They check nothing beyond what the driver sends; the gateway's own tests cover the protocols.
 */
public final class FakeServers implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    private FakeServers(Consumer<Channel> init) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        init.accept(ch);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Example server: HI on connect, DAD → CLIMB, TOP → WHO, MOM → BYE. */
    public static FakeServers example() throws InterruptedException {
        return new FakeServers(ch -> {
            ch.pipeline().addLast(new LineBasedFrameDecoder(1024));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(line(ctx, "HI"));
                }

                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                    String reply = switch (msg.toString(StandardCharsets.US_ASCII)) {
                        case "DAD" -> "CLIMB";
                        case "TOP" -> "WHO";
                        case "MOM" -> "BYE";
                        default -> "UNKNOWN command=" + msg.toString(StandardCharsets.US_ASCII);
                    };
                    ctx.writeAndFlush(line(ctx, reply));
                }
            });
        });
    }

    /** SEA subset: every session gets ID 1 + a counter; group messages go to every logged-in session. */
    public static FakeServers sea() throws InterruptedException {
        ChannelGroup everybody = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        int[] nextId = {1};
        return new FakeServers(ch -> {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 3));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                private int id;

                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                    int cmd = frame.getUnsignedByte(3);
                    if (cmd == 1) {
                        synchronized (nextId) {
                            id = nextId[0]++;
                        }
                        // USERLIST with only the new session: 01 id str8(ip) count(1) id str8 str8 00 00
                        ByteBuf out = ctx.alloc().buffer();
                        out.writeByte(1).writeShort(id).writeByte(1).writeByte('x').writeShort(1)
                                .writeShort(id).writeByte(1).writeByte('u').writeByte(1).writeByte('c').writeShort(0);
                        ctx.writeAndFlush(out);
                        everybody.add(ctx.channel());
                    } else if (cmd == 2) {
                        int msglen = frame.getUnsignedShort(8);
                        ByteBuf out = ctx.alloc().buffer(9 + msglen);
                        out.writeByte(4).writeShort(id).writeByte(0).writeByte(0).writeByte(0).writeShort(msglen)
                                .writeBytes(frame, 10, msglen).writeByte(0);
                        everybody.writeAndFlush(out);
                    }
                }
            });
        });
    }

    private static ByteBuf line(ChannelHandlerContext ctx, String text) {
        return ctx.alloc().buffer().writeBytes((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
