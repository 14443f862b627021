package dev.switchboard.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load driver's command line, parsed and checked: every run is bounded in connections, messages
 * and time, and only ever targets a loopback address.
 *
 * @param protocol      which client to run
 * @param target        the gateway listener (loopback only)
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
 * @param serverPid     the gateway's process id for CPU and RSS figures; 0 = not measured
 * @param heap          also measure the gateway's heap with {@code jcmd} (needs {@code serverPid})
 * @param room          room to join (rooms); empty = stay in the lobby (logged in, no room)
 */
public record LoadOptions(
        Protocol protocol,
        InetSocketAddress target,
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
        long serverPid,
        boolean heap,
        String room) {

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

    static final String USAGE = """
            usage: load --protocol example|sea|rooms [options]   (--help prints this)
              --host H             target host, loopback only (default 127.0.0.1)
              --port P             target port (default: the protocol's standard port)
              --path /P            WebSocket request target for rooms (default /)
              --connections N      connections (example: concurrent conversations) (default 10)
              --senders M          sending connections, sea/rooms (default 1; 0 = idle hold)
              --rate R             messages/s per sender; 0 = unpaced, window-bounded (default 0)
              --window W           in-flight messages per unpaced sender (default 16)
              --size B             message text bytes (default 64)
              --duration D         send (or hold) time, e.g. 10s, 500ms (default 10s)
              --drain D            wait for in-flight deliveries after sending (default 2s)
              --deadline D         hard stop for the whole run (default duration + 60s)
              --connect-batch K    connection attempts in flight while ramping up (default 256)
              --sources K          spread connections over 127.0.0.1 .. 127.0.0.K (default 1)
              --threads T          client event-loop threads (default 1)
              --pid PID            gateway process id: report its CPU time and RSS
              --heap               with --pid: also report heap used (jcmd GC.run + GC.heap_info)
              --room NAME          rooms: room to join; "" = log in only (default: bench-<run id>)
            """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a readable reason. */
    public static LoadOptions parse(String[] args) {
        Protocol protocol = null;
        String host = "127.0.0.1";
        Integer port = null;
        String path = "/";
        int connections = 10;
        int senders = 1;
        double rate = 0;
        int window = 16;
        int size = 64;
        Duration duration = Duration.ofSeconds(10);
        Duration drain = Duration.ofSeconds(2);
        Duration deadline = null;
        int connectBatch = 256;
        int sourceCount = 1;
        int threads = 1;
        long pid = 0;
        boolean heap = false;
        String room = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--heap")) {
                heap = true;
                continue;
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected an option with a value at '" + name + "'");
            }
            String value = args[++i];
            switch (name) {
                case "--protocol" -> protocol = parseProtocol(value);
                case "--host" -> host = value;
                case "--port" -> port = intIn(name, value, 1, 65535);
                case "--path" -> path = value;
                case "--connections" -> connections = intIn(name, value, 1, MAX_CONNECTIONS);
                case "--senders" -> senders = intIn(name, value, 0, MAX_CONNECTIONS);
                case "--rate" -> rate = doubleIn(name, value, 0, 1_000_000);
                case "--window" -> window = intIn(name, value, 1, 100_000);
                case "--size" -> size = intIn(name, value, 1, MAX_SIZE);
                case "--duration" -> duration = durationIn(name, value);
                case "--drain" -> drain = durationIn(name, value);
                case "--deadline" -> deadline = durationIn(name, value);
                case "--connect-batch" -> connectBatch = intIn(name, value, 1, 100_000);
                case "--sources" -> sourceCount = intIn(name, value, 1, 250);
                case "--threads" -> threads = intIn(name, value, 1, 64);
                case "--pid" -> pid = intIn(name, value, 1, Integer.MAX_VALUE);
                case "--room" -> room = value;
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (protocol == null) {
            throw new IllegalArgumentException("--protocol is required");
        }
        if (senders > connections) {
            throw new IllegalArgumentException("--senders (" + senders + ") exceeds --connections (" + connections + ")");
        }
        if (heap && pid == 0) {
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
        InetAddress address = loopback(host);
        List<InetAddress> sources = new ArrayList<>();
        for (int k = 1; k <= sourceCount; k++) {
            sources.add(loopback("127.0.0." + k));
        }
        if (room == null) {
            room = "bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
        }
        return new LoadOptions(protocol, new InetSocketAddress(address, port != null ? port : protocol.defaultPort),
                path, connections, senders, rate, window, size, duration, drain, deadline, connectBatch,
                List.copyOf(sources), threads, pid, heap, room);
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
