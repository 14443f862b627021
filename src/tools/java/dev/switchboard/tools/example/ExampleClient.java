package dev.switchboard.tools.example;

import dev.switchboard.tools.codec.example.ExampleLineDecoder;
import dev.switchboard.tools.codec.example.ExampleLineEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The example's permanent client (spec §6.3, §7): connects at once, retries every reconnect delay
 * (default 60 s) until connected, answers HI/CLIMB/WHO, and exits 0 on BYE. A connection lost before
 * BYE is retried on the same fixed grid: at once if the last attempt is more than a delay ago.
 */
public final class ExampleClient {

    static final int DEFAULT_PORT = 3001;
    static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(60);
    static final int MAX_LINE_LENGTH = 1024 * 1024;
    private static final ExampleLineDecoder LINE_DECODER = new ExampleLineDecoder();
    private static final ExampleLineEncoder LINE_ENCODER = new ExampleLineEncoder();

    /** The raw command line as picocli reads it; {@link #run} checks and converts it. */
    @Command(name = "example-client", sortOptions = false,
            customSynopsis = "example-client [--server <ip[:port]>] [--reconnect-delay <seconds>]",
            footer = "Exit status: 0 after the server said BYE, 1 on a usage error.")
    static final class Arguments {
        @Option(names = {"--server", "-s"}, paramLabel = "<ip[:port]>", description = "server address (default 127.0.0.1:3001)")
        String server = "127.0.0.1";
        @Option(names = {"--reconnect-delay", "-d"}, paramLabel = "<seconds>",
                description = "seconds between connection attempts (default 60; decimals allowed)")
        String reconnectDelay;
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this help")
        boolean help;
    }

    static final String USAGE = parser(new Arguments()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    private final Address server;
    private final Duration reconnectDelay;
    private final PrintStream out;

    ExampleClient(Address server, Duration reconnectDelay, PrintStream out) {
        this.server = server;
        this.reconnectDelay = reconnectDelay;
        this.out = out;
    }

    /** Runs the client until BYE; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Address server;
        Duration delay;
        try {
            Arguments arguments = new Arguments();
            if (parser(arguments).parseArgs(args).isUsageHelpRequested()) {
                out.print(USAGE);
                return 0;
            }
            server = Address.parse(arguments.server, DEFAULT_PORT);
            delay = parseDelay(arguments.reconnectDelay);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            err.println("example-client: " + e.getMessage());
            err.print(USAGE);
            return 1;
        }
        return new ExampleClient(server, delay, out).runUntilBye();
    }

    /** Repeated options keep the last value. */
    private static CommandLine parser(Arguments arguments) {
        return new CommandLine(arguments).setOverwrittenOptionsAllowed(true);
    }

    private static Duration parseDelay(String text) {
        if (text == null) {
            return DEFAULT_RECONNECT_DELAY;
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() >= 0) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid --reconnect-delay '" + text + "' (seconds, >= 0)");
    }

    /** Blocks until the server said BYE; returns 0. */
    int runUntilBye() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("example-client"),
                NioIoHandler.newFactory());
        try {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            // A line over the limit fails the connection (TooLongFrameException), as §2.1 allows.
                            ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE_LENGTH));
                            ch.pipeline().addLast(LINE_DECODER);
                            ch.pipeline().addLast(LINE_ENCODER);
                            ch.pipeline().addLast(new ClientConversationHandler(done, out));
                        }
                    });
            Reconnector reconnector = new Reconnector(bootstrap, group.next(), done);
            reconnector.loop.execute(reconnector::attempt);
            return done.join();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The retry schedule; every method runs on {@link #loop}, so its field needs no locking. */
    private final class Reconnector {

        private final Bootstrap bootstrap;
        private final EventLoop loop;
        private final CompletableFuture<Integer> done;
        private long lastAttemptNanos;

        Reconnector(Bootstrap bootstrap, EventLoop loop, CompletableFuture<Integer> done) {
            this.bootstrap = bootstrap;
            this.loop = loop;
            this.done = done;
        }

        void attempt() {
            if (done.isDone()) {
                return;
            }
            lastAttemptNanos = System.nanoTime();
            out.println("connecting to " + server);
            bootstrap.clone(loop).connect(server.host(), server.port()).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    out.println("connection to " + server + " failed: " + f.cause().getMessage()
                            + "; retrying in " + format(remainingDelay()));
                    scheduleNext();
                    return;
                }
                out.println("connected to " + server);
                f.channel().closeFuture().addListener(closed -> {
                    if (!done.isDone()) {
                        out.println("connection lost before BYE; reconnecting in " + format(remainingDelay()));
                        scheduleNext();
                    }
                });
            });
        }

        /** Spec §7: the next point of the fixed grid started by the last attempt, or now if it has passed. */
        private long remainingDelay() {
            return Math.max(0, lastAttemptNanos + reconnectDelay.toNanos() - System.nanoTime());
        }

        private void scheduleNext() {
            loop.schedule(this::attempt, remainingDelay(), TimeUnit.NANOSECONDS);
        }

        private String format(long nanos) {
            return BigDecimal.valueOf(nanos / 1_000_000).movePointLeft(3).toPlainString() + " s";
        }
    }
}
