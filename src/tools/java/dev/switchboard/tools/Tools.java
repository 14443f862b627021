package dev.switchboard.tools;

import dev.switchboard.tools.bridge.BridgeLatency;

import dev.switchboard.tools.example.EdSignal;
import dev.switchboard.tools.example.ExampleClient;
import dev.switchboard.tools.load.LoadDriver;
import dev.switchboard.tools.seasend.SeaSend;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tools jar's launcher: {@code java -jar switchboard-tools.jar <tool> [options]} runs one
 * command-line tool and exits with the status it returns.
 */
public final class Tools {

    /** Exit status for a missing or unknown tool name. */
    static final int USAGE_STATUS = 2;

    /** A tool's entry point: arguments in, exit status out; it never exits the JVM itself. */
    @FunctionalInterface
    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static final Map<String, Tool> TOOLS = tools();

    static final String USAGE = """
            Usage: java -jar switchboard-tools.jar <tool> [options]   (<tool> --help for its options)
              example-client   the permanent, auto-reconnecting example-protocol client
              ed-signal        send one example-protocol message over TCP or UDP
              seasend          log in to a SEA server and send a text file
              load             loopback load driver for benchmarks (src/bench/BENCHMARKS.md)
              bridge-latency   SEA <-> room latency through the gateway's bridge
                               scenarios (load --scenario NAME): %s""".formatted(LoadDriver.scenarios());

    private Tools() {
    }

    private static Map<String, Tool> tools() {
        Map<String, Tool> tools = new TreeMap<>();
        tools.put("example-client", ExampleClient::run);
        tools.put("ed-signal", EdSignal::run);
        tools.put("seasend", SeaSend::run);
        tools.put("load", (args, out, err) -> LoadDriver.run(args, out));
        tools.put("bridge-latency", BridgeLatency::run);
        return Map.copyOf(tools);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("load")) {
            LoadDriver.hardDeadline(Arrays.copyOfRange(args, 1, args.length)).ifPresent(Tools::startWatchdog);
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool {@code args[0]} names with the rest of {@code args}; returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? USAGE_STATUS : 0;
        }
        Tool tool = TOOLS.get(args[0]);
        if (tool == null) {
            err.println("unknown tool '" + args[0] + "'");
            err.println(USAGE);
            return USAGE_STATUS;
        }
        return tool.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    /**
     * The load driver honours its own deadline; this daemon is the backstop that stops the process if a
     * close or a {@code jcmd} call hangs past it.
     */
    private static void startWatchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("load driver: hard deadline passed, halting");
                Runtime.getRuntime().halt(LoadDriver.FAILED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
