package dev.switchboard.tools.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load driver's command line, parsed and checked: every run is bounded in connections, messages
 * and time, and only ever targets a loopback address.
 *
 * @param scenario      the named preset the run started from, or {@code custom}
 * @param protocol      which client to run
 * @param targets       the gateway listeners (loopback only); connection {@code i} goes to {@code i mod size},
 *                      so clients are split evenly over the nodes of a cluster
 * @param path          the WebSocket request target (rooms only)
 * @param connections   connections to open and keep logged in (example: concurrent conversations)
 * @param senders       how many of those connections send (broadcast protocols; 0 = idle run)
 * @param rate          messages per second per sender; 0 = unpaced, bounded by {@code window}
 * @param window        messages a sender may have in flight (sent, own copy not yet back) when unpaced
 * @param size          message text length in bytes (the stamp is padded up to it)
 * @param duration      how long senders send (idle runs: how long connections are held)
 * @param drain         how long to wait after the sending stops for deliveries still in flight
 * @param deadline      hard limit for the whole run, connecting included; the driver stops at it
 * @param connectBatch  connection attempts in flight at once while ramping up
 * @param sources       local loopback addresses connections are spread over (to multiply ports)
 * @param threads       client event-loop threads
 * @param serverPids    the processes whose CPU time and RSS are reported, summed (the gateway, or every
 *                      node of a cluster and its Redis); empty = not measured
 * @param heap          also measure the first process's heap with {@code jcmd} (needs {@code serverPids})
 * @param room          room to join (rooms); empty = stay in the lobby (logged in, no room)
 */
public record LoadOptions(
        String scenario,
        Protocol protocol,
        List<InetSocketAddress> targets,
        String path,
        int connections,
        int senders,
        double rate,
        int window,
        int size,
        Duration duration,
        Duration drain,
        Duration deadline,
        int connectBatch,
        List<InetAddress> sources,
        int threads,
        List<Long> serverPids,
        boolean heap,
        String room) {

    /** The first listener: the one the rooms client names in its handshake and the report shows first. */
    public InetSocketAddress target() {
        return targets.get(0);
    }

    /** The first measured process, 0 when none is. */
    public long serverPid() {
        return serverPids.isEmpty() ? 0 : serverPids.get(0);
    }

    /** Upper bounds that keep a typo from turning a benchmark into a machine-wide outage. */
    static final int MAX_CONNECTIONS = 200_000;
    static final int MAX_SIZE = 60_000;
    static final Duration MAX_DEADLINE = Duration.ofMinutes(10);

    /** The three protocols the driver speaks, with their standard ports. */
    public enum Protocol {
        EXAMPLE(3001), SEA(8732), ROOMS(25021);

        final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    /**
     * The benchmark scenarios of {@code src/bench/BENCHMARKS.md} as presets: {@code --scenario NAME} fills
     * in the protocol and shape, and any option given next to it overrides that part of the preset.
     *
     * @param threads client event-loop threads; 0 = one per available core
     */
    enum Scenario {
        SEA_UNPACED("sea-unpaced", "SEA 100 clients, 10 unpaced senders, window 32 (fan-out throughput)",
                Protocol.SEA, 100, 10, 0, 32, 1),
        SEA_PACED("sea-paced", "SEA 1000 clients, 1 sender at 20 msg/s (latency of a big fan-out)",
                Protocol.SEA, 1000, 1, 20, 16, 1),
        SEA_TRICKLE("sea-trickle", "SEA 1000 clients, 100 senders x 10 msg/s, phases spread so each message "
                + "arrives alone (1 M deliveries/s offered)", Protocol.SEA, 1000, 100, 10, 16, 0),
        ROOMS_BROADCAST("rooms-broadcast", "rooms: one room of 1000 members, 8 unpaced senders, window 16",
                Protocol.ROOMS, 1000, 8, 0, 16, 1),
        EXAMPLE("example", "example protocol: 100 concurrent HI..BYE conversations, a new connection each",
                Protocol.EXAMPLE, 100, 1, 0, 16, 1);

        final String id;
        final String summary;
        final Protocol protocol;
        final int connections;
        final int senders;
        final double rate;
        final int window;
        final int threads;

        Scenario(String id, String summary, Protocol protocol, int connections, int senders, double rate, int window,
                int threads) {
            this.id = id;
            this.summary = summary;
            this.protocol = protocol;
            this.connections = connections;
            this.senders = senders;
            this.rate = rate;
            this.window = window;
            this.threads = threads;
        }

        static Scenario of(String id) {
            for (Scenario s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + id + "' (" + ids() + ")");
        }

        static String ids() {
            return String.join(", ", java.util.Arrays.stream(values()).map(s -> s.id).toList());
        }

        /** One line per scenario for the usage text. */
        static String list() {
            StringBuilder sb = new StringBuilder("Scenarios (--scenario NAME; other options override the preset):");
            for (Scenario s : values()) {
                sb.append("%n  %-16s %s".formatted(s.id, s.summary));
            }
            return sb.toString();
        }
    }

    /** The raw command line as picocli reads it; {@link #parse} checks and converts it. */
    @Command(name = "load", sortOptions = false,
            description = "Loopback load driver for the gateway's protocols; prints one report and exits.")
    static final class Arguments {
        @Option(names = "--scenario", paramLabel = "NAME", description = "start from a named preset (listed below)")
        String scenario;
        @Option(names = "--protocol", paramLabel = "example|sea|rooms", description = "client to run (required without --scenario)")
        String protocol;
        @Option(names = "--host", paramLabel = "H", description = "target host, loopback only (default 127.0.0.1)")
        String host = "127.0.0.1";
        @Option(names = "--port", paramLabel = "P[,P...]",
                description = "target port, or several: connections are spread over them in turn (default: the protocol's standard port)")
        String port;
        @Option(names = "--path", paramLabel = "/P", description = "WebSocket request target for rooms (default /)")
        String path = "/";
        @Option(names = "--connections", paramLabel = "N",
                description = "connections (example: concurrent conversations) (default 10)")
        String connections;
        @Option(names = "--senders", paramLabel = "M", description = "sending connections, sea/rooms (default 1; 0 = idle hold)")
        String senders;
        @Option(names = "--rate", paramLabel = "R",
                description = "messages/s per sender; 0 = unpaced, window-bounded (default 0)")
        String rate;
        @Option(names = "--window", paramLabel = "W", description = "in-flight messages per unpaced sender (default 16)")
        String window;
        @Option(names = "--size", paramLabel = "B", description = "message text bytes (default 64)")
        String size = "64";
        @Option(names = "--duration", paramLabel = "D", description = "send (or hold) time, e.g. 10s, 500ms (default 10s)")
        String duration = "10s";
        @Option(names = "--drain", paramLabel = "D", description = "wait for in-flight deliveries after sending (default 2s)")
        String drain = "2s";
        @Option(names = "--deadline", paramLabel = "D", description = "hard stop for the whole run (default duration + drain + 60s)")
        String deadline;
        @Option(names = "--connect-batch", paramLabel = "K",
                description = "connection attempts in flight while ramping up (default 256)")
        String connectBatch = "256";
        @Option(names = "--sources", paramLabel = "K", description = "spread connections over 127.0.0.1 .. 127.0.0.K (default 1)")
        String sources = "1";
        @Option(names = "--threads", paramLabel = "T", description = "client event-loop threads; 0 = one per core (default 1)")
        String threads;
        @Option(names = "--pid", paramLabel = "PID[,PID...]",
                description = "gateway process id(s): report their CPU time and RSS, summed")
        String pid;
        @Option(names = "--heap", description = "with --pid: also report heap used (jcmd GC.run + GC.heap_info)")
        boolean heap;
        @Option(names = "--room", paramLabel = "NAME",
                description = "rooms: room to join; \"\" = log in only (default: bench-<run id>)")
        String room;
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this help")
        boolean help;
    }

    static final String USAGE = new CommandLine(new Arguments()).getUsageMessage(CommandLine.Help.Ansi.OFF)
            + Scenario.list() + System.lineSeparator()
            + "Exit status: 0 figures produced, 1 nothing measured, 2 bad command line." + System.lineSeparator();

    /** True when {@code args} ask for the usage text rather than a run. */
    static boolean helpRequested(String[] args) {
        try {
            return new CommandLine(new Arguments()).setOverwrittenOptionsAllowed(true).parseArgs(args).isUsageHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a readable reason. */
    public static LoadOptions parse(String[] args) {
        Arguments a = new Arguments();
        try {
            new CommandLine(a).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Scenario preset = a.scenario == null ? null : Scenario.of(a.scenario);
        if (a.protocol == null && preset == null) {
            throw new IllegalArgumentException("Missing required option: '--protocol=example|sea|rooms' (or --scenario)");
        }
        Protocol protocol = a.protocol != null ? parseProtocol(a.protocol) : preset.protocol;
        List<Integer> ports = new ArrayList<>();
        if (a.port != null) {
            for (String p : a.port.split(",", -1)) {
                ports.add(intIn("--port", p.trim(), 1, 65535));
            }
        }
        int connections = intIn("--connections", or(a.connections, preset == null ? null : preset.connections, "10"),
                1, MAX_CONNECTIONS);
        int senders = intIn("--senders", or(a.senders, preset == null ? null : preset.senders, "1"), 0, MAX_CONNECTIONS);
        double rate = doubleIn("--rate", or(a.rate, preset == null ? null : preset.rate, "0"), 0, 1_000_000);
        int window = intIn("--window", or(a.window, preset == null ? null : preset.window, "16"), 1, 100_000);
        int size = intIn("--size", a.size, 1, MAX_SIZE);
        Duration duration = durationIn("--duration", a.duration);
        Duration drain = durationIn("--drain", a.drain);
        Duration deadline = a.deadline == null ? null : durationIn("--deadline", a.deadline);
        int connectBatch = intIn("--connect-batch", a.connectBatch, 1, 100_000);
        int sourceCount = intIn("--sources", a.sources, 1, 250);
        int threads = intIn("--threads", or(a.threads, preset == null ? null : preset.threads, "1"), 0, 64);
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        List<Long> pids = new ArrayList<>();
        if (a.pid != null) {
            for (String p : a.pid.split(",", -1)) {
                pids.add((long) intIn("--pid", p.trim(), 1, Integer.MAX_VALUE));
            }
        }
        boolean heap = a.heap;
        String room = a.room;
        if (senders > connections) {
            throw new IllegalArgumentException("--senders (" + senders + ") exceeds --connections (" + connections + ")");
        }
        if (heap && pids.isEmpty()) {
            throw new IllegalArgumentException("--heap needs --pid");
        }
        if (deadline == null) {
            deadline = duration.plus(drain).plusSeconds(60);
        }
        if (deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("--deadline is capped at " + MAX_DEADLINE.toMinutes() + " minutes");
        }
        if (deadline.compareTo(duration.plus(drain)) < 0) {
            throw new IllegalArgumentException("--deadline is shorter than --duration + --drain");
        }
        InetAddress address = loopback(a.host);
        List<InetAddress> sources = new ArrayList<>();
        for (int k = 1; k <= sourceCount; k++) {
            sources.add(loopback("127.0.0." + k));
        }
        if (room == null) {
            room = "bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
        }
        if (ports.isEmpty()) {
            ports.add(protocol.defaultPort);
        }
        List<InetSocketAddress> targets = ports.stream().map(p -> new InetSocketAddress(address, p)).toList();
        return new LoadOptions(preset == null ? "custom" : preset.id, protocol, targets,
                a.path, connections, senders, rate, window, size, duration, drain, deadline, connectBatch,
                List.copyOf(sources), threads, List.copyOf(pids), heap, room);
    }

    /** The option as given, else the preset's value, else the driver's default. */
    private static String or(String given, Number preset, String fallback) {
        if (given != null) {
            return given;
        }
        if (preset == null) {
            return fallback;
        }
        return preset instanceof Double d ? Double.toString(d) : preset.toString();
    }

    /** Resolves {@code host} and refuses anything that is not a loopback address. */
    static InetAddress loopback(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing non-loopback target " + address.getHostAddress()
                    + ": the load driver only runs against this machine");
        }
        return address;
    }

    private static Protocol parseProtocol(String value) {
        try {
            return Protocol.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol '" + value + "' (example, sea, rooms)");
        }
    }

    private static int intIn(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static double doubleIn(String name, String value, double min, double max) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + value + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return parsed;
    }

    /** Accepts {@code 500ms}, {@code 10s}, {@code 2m} or a bare number of seconds. */
    static Duration durationIn(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (d.isNegative() || d.compareTo(MAX_DEADLINE) > 0) {
                throw new IllegalArgumentException(name + " must be between 0 and " + MAX_DEADLINE.toMinutes() + " minutes");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a duration like 500ms, 10s or 2m, got '" + value + "'");
        }
    }

    /** True when senders send on a clock rather than as fast as their window allows. */
    public boolean paced() {
        return rate > 0;
    }
}
