package dev.switchboard.tools.example;

import dev.switchboard.example.codec.MessageParser;
import dev.switchboard.example.codec.MessageSerializer;
import dev.switchboard.example.codec.ParseResult;
import dev.switchboard.example.message.ExampleCommands;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.message.NameRules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Java {@code ed-signal} (spec §9): sends one message over TCP or UDP and exits. Accepts both the
 * README-era options ({@code --server <addr>}) and the current ones ({@code --host <addr>}, {@code
 * --server <name>}), following the §9.4 rule, and never adds a sent-from prefix.
 */
public final class EdSignal {

    static final int DEFAULT_PORT = 4041;
    static final int MAX_DATAGRAM = 1024;
    /** A reply longer than this is cut: the tool prints one line, not an unbounded stream. */
    static final int MAX_REPLY = 1024 * 1024;
    static final String VERSION = "ed-signal (Switchboard) 1.0";

    static final String USAGE = """
            Usage: ed-signal [options] [--message] [[server:]service/]COMMAND
              --host, -H <ip[:port]>      target address (default 127.0.0.1:4041)
              --server, -s <name|addr>    destination server name; an address when --host is absent (README form)
              --service, -S <name>        destination service name
              --type, -t tcp|udp          transport (default udp)
              --message, -m <command>     the message, [[server:]service/]COMMAND, COMMAND in A-Z 0-9 _
              --param, -p <name>[=value]  add a parameter (repeatable; no '=' means an empty value)
              --secret-code, -c <code>    UDP only: add secret_code=<code>
              --reply, -r                 TCP only: print the reply line
              --timeout <seconds>         TCP only: give up waiting for a reply (default 0 = wait forever)
              --encrypt, -e <bool>        TLS is not supported; only false is accepted
              --help, -h / --version      print help or version
            Exit status: 0 on success, 1 on any error.""";

    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("--host", "--host"), Map.entry("-H", "--host"),
            Map.entry("--server", "--server"), Map.entry("-s", "--server"),
            Map.entry("--service", "--service"), Map.entry("-S", "--service"),
            Map.entry("--type", "--type"), Map.entry("-t", "--type"),
            Map.entry("--message", "--message"), Map.entry("-m", "--message"),
            Map.entry("--param", "--param"), Map.entry("-p", "--param"),
            Map.entry("--secret-code", "--secret-code"), Map.entry("-c", "--secret-code"),
            Map.entry("--reply", "--reply"), Map.entry("-r", "--reply"),
            Map.entry("--timeout", "--timeout"),
            Map.entry("--encrypt", "--encrypt"), Map.entry("-e", "--encrypt"),
            Map.entry("--help", "--help"), Map.entry("-h", "--help"),
            Map.entry("--version", "--version"));

    private EdSignal() {
    }

    /** Sends the message described by {@code args}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of("--reply", "--help", "--version"));
            if (cl.has("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (cl.has("--version")) {
                out.println(VERSION);
                return 0;
            }
            request = request(cl, err);
        } catch (IllegalArgumentException e) {
            err.println("ed-signal: " + e.getMessage());
            return 1;
        }
        try {
            return request.tcp ? sendTcp(request, out, err) : sendUdp(request, err);
        } catch (IOException e) {
            err.println("ed-signal: " + (request.tcp ? "TCP" : "UDP") + " to " + request.address + " failed: " + e);
            return 1;
        }
    }

    private record Request(Address address, boolean tcp, String wire, boolean printReply, int timeoutMillis) {
    }

    private static Request request(CommandLine cl, PrintStream err) {
        String type = cl.get("--type", "udp").toLowerCase(Locale.ROOT);
        if (!type.equals("tcp") && !type.equals("udp")) {
            throw new IllegalArgumentException("--type must be tcp or udp, not '" + type + "'");
        }
        boolean tcp = type.equals("tcp");
        if (!cl.get("--encrypt", "false").equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("--encrypt: TLS is not supported by this tool");
        }

        // §9.4: without --host, a --server value that is no valid name (e.g. 127.0.0.1:3001) is the address.
        String serverOption = cl.get("--server", null);
        String hostOption = cl.get("--host", null);
        String destinationServer = serverOption;
        if (hostOption == null && serverOption != null && !isName(serverOption)) {
            hostOption = serverOption;
            destinationServer = null;
        }
        if (hostOption != null && hostOption.contains("@") && !hostOption.startsWith("[")) {
            throw new IllegalArgumentException("--host <file>@<field> is not supported; give ip[:port]");
        }
        Address address = Address.parse(hostOption == null ? "" : hostOption, DEFAULT_PORT);

        ExampleMessage message = message(cl);
        if (destinationServer != null || cl.has("--service")) {
            message = message.withDestination(destinationServer != null ? destinationServer : message.server(),
                    cl.get("--service", message.service()));
        }
        for (String param : cl.all("--param")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!NameRules.isValidParameterName(name)) {
                throw new IllegalArgumentException("invalid parameter name '" + name + "'");
            }
            message = message.withParameter(name, eq < 0 ? "" : param.substring(eq + 1));
        }
        if (cl.has("--secret-code")) {
            if (tcp) {
                err.println("ed-signal: --secret-code is for UDP only; not sent");
            } else {
                message = message.withParameter(ExampleCommands.PARAM_SECRET_CODE, cl.get("--secret-code", ""));
            }
        }
        if (cl.has("--reply") && !tcp) {
            err.println("ed-signal: --reply is for TCP only; UDP gets no reply");
        }
        String wire = MessageSerializer.serialize(message);
        return new Request(address, tcp, wire, cl.has("--reply"), timeoutMillis(cl.get("--timeout", "0")));
    }

    private static ExampleMessage message(CommandLine cl) {
        String spec = cl.get("--message", null);
        if (spec == null) {
            if (cl.positional().size() != 1) {
                throw new IllegalArgumentException("give exactly one message (--message or one argument)");
            }
            spec = cl.positional().get(0);
        } else if (!cl.positional().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument " + cl.positional().get(0));
        }
        if (spec.indexOf(' ') >= 0 || spec.startsWith("<") || spec.startsWith("{")) {
            throw new IllegalArgumentException("--message is [[server:]service/]COMMAND, got '" + spec + "'");
        }
        ParseResult parsed = MessageParser.parse(spec);
        if (!(parsed instanceof ParseResult.Parsed ok) || !NameRules.isValidCommand(ok.message().command())) {
            throw new IllegalArgumentException("invalid command '" + spec
                    + "' (a command is A-Z 0-9 _ and does not start with a digit)");
        }
        return ok.message();
    }

    private static boolean isName(String value) {
        return !value.isEmpty() && NameRules.isValidRouteName(value);
    }

    private static int timeoutMillis(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= 0 && seconds <= Integer.MAX_VALUE / 1000.0) {
                return (int) Math.round(seconds * 1000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid --timeout '" + text + "'");
    }

    /** §9.3 TCP: connect, send the line, wait for one line or EOF, exit 0. */
    private static int sendTcp(Request request, PrintStream out, PrintStream err) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(request.address.host()), request.address.port()));
            socket.setSoTimeout(request.timeoutMillis);
            socket.getOutputStream().write((request.wire + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String reply;
            try {
                reply = readLine(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                err.println("ed-signal: no reply within the timeout");
                return 1;
            }
            if (request.printReply && reply != null) {
                out.println(reply);
            }
            return 0;
        }
    }

    /** One line without its LF (and a CR before it), or null if the peer closed first without sending any. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() < MAX_REPLY) {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** §9.3 UDP: one datagram, no LF, at most 1024 bytes, no reply. */
    private static int sendUdp(Request request, PrintStream err) throws IOException {
        byte[] bytes = request.wire.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_DATAGRAM) {
            err.println("ed-signal: message is " + bytes.length + " bytes, over the UDP limit of " + MAX_DATAGRAM);
            return 1;
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length,
                    InetAddress.getByName(request.address.host()), request.address.port()));
        }
        return 0;
    }
}
