package dev.switchboard.tools.load;

import dev.switchboard.tools.load.rooms.RoomsClientProtocol;
import dev.switchboard.tools.load.sea.SeaClientProtocol;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Loopback load driver for the gateway's three protocols. It runs in its own JVM with its own small
 * Netty event-loop group, is bounded in connections and time (a {@code --duration} plus a hard
 * {@code --deadline}), refuses non-loopback targets, prints a {@link LoadReport} and returns an exit status;
 * the process-level watchdog for a run that overstays its deadline is the tools launcher's ({@code Tools.main}).
 *
 * <pre>java -jar target/switchboard-tools.jar load --protocol sea --port 8732 --connections 100 --senders 10 --pid 1234
 * java -jar target/switchboard-tools.jar load --scenario sea-trickle --port 8732 --pid 1234</pre>
 */
public final class LoadDriver {

    /** Exit status: the run finished and produced figures. */
    public static final int OK = 0;
    /** Exit status: the run could not measure anything (nothing connected, deadline hit). */
    public static final int FAILED = 1;
    /** Exit status: bad command line. */
    public static final int USAGE = 2;

    private LoadDriver() {
    }

    /** The names {@code --scenario} accepts, comma-separated, for the launcher's usage text. */
    public static String scenarios() {
        return LoadOptions.Scenario.ids();
    }

    /**
     * The hard limit a whole run given {@code args} may take before the process must be stopped from
     * outside: its {@code --deadline} plus a margin for closing; empty when the arguments do not parse.
     */
    public static Optional<Duration> hardDeadline(String[] args) {
        try {
            return Optional.of(LoadOptions.parse(stripCommand(args)).deadline().plusSeconds(30));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code args}, runs, prints the report to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        if (LoadOptions.helpRequested(stripCommand(args))) {
            out.print(LoadOptions.USAGE);
            return OK;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(stripCommand(args));
        } catch (IllegalArgumentException e) {
            return usage(e, out);
        }
        return run(options, out);
    }

    private static int run(LoadOptions options, PrintStream out) {
        LoadReport report;
        try {
            report = execute(options, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("error: interrupted");
            return FAILED;
        } catch (IllegalStateException e) {
            out.println("error: " + e.getMessage());
            return FAILED;
        }
        report.write(out);
        return report.get("error") == null ? OK : FAILED;
    }

    /** Runs the scenario {@code options} describe; progress notes go to {@code progress} as # lines. */
    public static LoadReport execute(LoadOptions options, PrintStream progress) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + options.deadline().toNanos();
        LoadReport report = new LoadReport()
                .put("scenario", options.scenario())
                .put("protocol", options.protocol().name().toLowerCase(Locale.ROOT))
                .put("target", options.targets().stream().map(t -> t.getAddress().getHostAddress() + ":" + t.getPort())
                        .collect(java.util.stream.Collectors.joining(",")))
                .put("connections", options.connections())
                .put("senders", options.protocol() == LoadOptions.Protocol.EXAMPLE ? 0 : options.senders())
                .put("rate_per_sender", options.paced() ? String.valueOf(options.rate()) : "unpaced")
                .put("window", options.paced() ? "n/a" : String.valueOf(options.window()))
                .put("size_bytes", options.size())
                .put("duration_s", options.duration().toMillis() / 1000.0)
                .put("threads", options.threads())
                .put("sources", options.sources().size());
        LoadStats stats = new LoadStats();
        try (ClientGroup clients = new ClientGroup(options.threads(), options.targets(), options.sources())) {
            switch (options.protocol()) {
                case EXAMPLE -> new ExampleRun(options, clients, stats, progress, deadlineNanos).execute(report);
                case SEA -> new BroadcastRun(options, new SeaClientProtocol(), clients, stats, progress, deadlineNanos)
                        .execute(report);
                case ROOMS -> new BroadcastRun(options,
                        new RoomsClientProtocol(options.target(), options.path(), options.room(), runNickPrefix()),
                        clients, stats, progress, deadlineNanos).execute(report);
            }
        }
        report.put("deadline_hit", System.nanoTime() > deadlineNanos);
        return report;
    }

    /** Nicks are unique server-wide (rooms §7.1); a per-run prefix keeps a rerun clear of stale ones. */
    private static String runNickPrefix() {
        return "b" + Long.toString(System.nanoTime() & 0xfffff, 36) + "-";
    }

    /** Accepts the launcher's subcommand word in front of the options ({@code load --protocol …}). */
    private static String[] stripCommand(String[] args) {
        return args.length > 0 && args[0].equals("load") ? Arrays.copyOfRange(args, 1, args.length) : args;
    }

    private static int usage(IllegalArgumentException e, PrintStream out) {
        out.println("error: " + e.getMessage());
        out.print(LoadOptions.USAGE);
        return USAGE;
    }
}
