package dev.switchboard.tools.example;

import dev.switchboard.tools.codec.example.ExampleLine;
import dev.switchboard.tools.codec.example.ExampleLines;
import dev.switchboard.tools.codec.example.ExampleNames;

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
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    /** The raw command line as picocli reads it; {@link #request} checks and converts it. */
    @Command(name = "ed-signal", sortOptions = false,
            customSynopsis = "ed-signal [options] [--message] [[server:]service/]COMMAND",
            footer = "Exit status: 0 on success, 1 on any error.")
    static final class Arguments {
        @Option(names = {"--host", "-H"}, paramLabel = "<ip[:port]>", description = "target address (default 127.0.0.1:4041)")
        String host;
        @Option(names = {"--server", "-s"}, paramLabel = "<name|addr>",
                description = "destination server name; an address when --host is absent (README form)")
        String server;
        @Option(names = {"--service", "-S"}, paramLabel = "<name>", description = "destination service name")
        String service;
        @Option(names = {"--type", "-t"}, paramLabel = "tcp|udp", description = "transport (default udp)")
        String type = "udp";
        @Option(names = {"--message", "-m"}, paramLabel = "<command>",
                description = "the message, [[server:]service/]COMMAND, COMMAND in A-Z 0-9 _")
        String message;
        @Option(names = {"--param", "-p"}, paramLabel = "<name>[=value]",
                description = "add a parameter (repeatable; no '=' means an empty value)")
        List<String> params = new ArrayList<>();
        @Option(names = {"--secret-code", "-c"}, paramLabel = "<code>", description = "UDP only: add secret_code=<code>")
        String secretCode;
        @Option(names = {"--reply", "-r"}, description = "TCP only: print the reply line")
        boolean reply;
        @Option(names = "--timeout", paramLabel = "<seconds>",
                description = "TCP only: give up waiting for a reply (default 0 = wait forever)")
        String timeout = "0";
        @Option(names = {"--encrypt", "-e"}, paramLabel = "<bool>", description = "TLS is not supported; only false is accepted")
        String encrypt = "false";
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print help")
        boolean help;
        @Option(names = "--version", versionHelp = true, description = "print version")
        boolean version;
        @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "the message when --message is absent")
        List<String> positional = new ArrayList<>();
    }

    static final String USAGE = parser(new Arguments()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    private EdSignal() {
    }

    /** Sends the message described by {@code args}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            Arguments arguments = new Arguments();
            CommandLine.ParseResult parsed = parser(arguments).parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                out.print(USAGE);
                return 0;
            }
            if (parsed.isVersionHelpRequested()) {
                out.println(VERSION);
                return 0;
            }
            request = request(arguments, err);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
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

    /** Repeated single-value options keep the last value, as the C tool does. */
    private static CommandLine parser(Arguments arguments) {
        return new CommandLine(arguments).setOverwrittenOptionsAllowed(true);
    }

    private static Request request(Arguments cl, PrintStream err) {
        String type = cl.type.toLowerCase(Locale.ROOT);
        if (!type.equals("tcp") && !type.equals("udp")) {
            throw new IllegalArgumentException("--type must be tcp or udp, not '" + type + "'");
        }
        boolean tcp = type.equals("tcp");
        if (!cl.encrypt.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("--encrypt: TLS is not supported by this tool");
        }

        // §9.4: without --host, a --server value that is no valid name (e.g. 127.0.0.1:3001) is the address.
        String serverOption = cl.server;
        String hostOption = cl.host;
        String destinationServer = serverOption;
        if (hostOption == null && serverOption != null && !isName(serverOption)) {
            hostOption = serverOption;
            destinationServer = null;
        }
        if (hostOption != null && hostOption.contains("@") && !hostOption.startsWith("[")) {
            throw new IllegalArgumentException("--host <file>@<field> is not supported; give ip[:port]");
        }
        Address address = Address.parse(hostOption == null ? "" : hostOption, DEFAULT_PORT);

        ExampleLine message = message(cl);
        if (destinationServer != null || cl.service != null) {
            message = message.withDestination(destinationServer != null ? destinationServer : message.server(),
                    cl.service != null ? cl.service : message.service());
        }
        for (String param : cl.params) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!ExampleNames.isParameter(name)) {
                throw new IllegalArgumentException("invalid parameter name '" + name + "'");
            }
            message = message.withParameter(name, eq < 0 ? "" : param.substring(eq + 1));
        }
        if (cl.secretCode != null) {
            if (tcp) {
                err.println("ed-signal: --secret-code is for UDP only; not sent");
            } else {
                message = message.withParameter(ExampleLine.PARAM_SECRET_CODE, cl.secretCode);
            }
        }
        if (cl.reply && !tcp) {
            err.println("ed-signal: --reply is for TCP only; UDP gets no reply");
        }
        String wire = ExampleLines.serialize(message);
        return new Request(address, tcp, wire, cl.reply, timeoutMillis(cl.timeout));
    }

    private static ExampleLine message(Arguments cl) {
        String spec = cl.message;
        if (spec == null) {
            if (cl.positional.size() != 1) {
                throw new IllegalArgumentException("give exactly one message (--message or one argument)");
            }
            spec = cl.positional.get(0);
        } else if (!cl.positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument " + cl.positional.get(0));
        }
        if (spec.indexOf(' ') >= 0 || spec.startsWith("<") || spec.startsWith("{")) {
            throw new IllegalArgumentException("--message is [[server:]service/]COMMAND, got '" + spec + "'");
        }
        ExampleLines.Parsed parsed = ExampleLines.parse(spec);
        if (!(parsed instanceof ExampleLines.Valid ok) || !ExampleNames.isCommand(ok.line().command())) {
            throw new IllegalArgumentException("invalid command '" + spec
                    + "' (a command is A-Z 0-9 _ and does not start with a digit)");
        }
        return ok.line();
    }

    private static boolean isName(String value) {
        return !value.isEmpty() && ExampleNames.isRoute(value);
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
