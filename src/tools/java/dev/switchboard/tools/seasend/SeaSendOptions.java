package dev.switchboard.tools.seasend;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The parsed command line of {@link SeaSend}.
 *
 * @param help          print usage and exit
 * @param host          server host
 * @param port          server port
 * @param user          user name
 * @param computer      computer name
 * @param destination   0 group, 65535 printers, else a user ID
 * @param flags         client flag byte
 * @param version       version byte sent in SET_USERINFO
 * @param sendUserInfo  whether SET_USERINFO is sent (without it the server treats the session as version 0)
 * @param faculty       faculty byte
 * @param room          room text (up to 5 bytes once encoded)
 * @param info          info text (up to 255 bytes once encoded)
 * @param charset       charset for names, room, info and attachment file names; message files are sent raw
 * @param timeout       connect timeout and the longest wait for the server's answer
 * @param textFile      the message text
 * @param rtfFile       optional RTF part
 * @param attachFile    optional attachment
 */
record SeaSendOptions(boolean help, String host, int port, String user, String computer, int destination, int flags,
        int version, boolean sendUserInfo, int faculty, String room, String info, Charset charset, Duration timeout,
        Path textFile, Path rtfFile, Path attachFile) {

    static final int DEFAULT_PORT = 8732;

    /** The raw command line as picocli reads it; {@link #parse} checks and converts it. */
    @Command(name = "seasend", sortOptions = false, customSynopsis = "seasend [options] --user NAME TEXT-FILE",
            description = {"Logs in to a SEA server, sends TEXT-FILE as a message, and prints what the",
                "server answers until it has processed the message (a PING is sent last; its",
                "PONG ends the run).", ""},
            footer = {"", "Exit status: 0 when the server answered the closing PING, 1 on any error."})
    static final class Arguments {
        @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]", description = "server address (default 127.0.0.1:8732)")
        String server;
        @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "user name to log in with (required)")
        String user;
        @Option(names = {"-c", "--computer"}, paramLabel = "NAME", description = "computer name (default: this host's name)")
        String computer;
        @Option(names = {"-t", "--to"}, paramLabel = "ID|group|printers",
                description = "destination: a user ID 1-65534, group (0) or printers (65535); default group")
        String to;
        @Option(names = "--rtf", paramLabel = "FILE", description = "add an RTF version of the message")
        Path rtf;
        @Option(names = "--attach", paramLabel = "FILE", description = "add FILE as an attachment")
        Path attach;
        @Option(names = "--flags", paramLabel = "N", description = "client flag byte 0-255 (2 = important; bit 0 is the server's)")
        String flags;
        @Option(names = {"--client-version", "--version"}, paramLabel = "N",
                description = "version byte sent in SET_USERINFO, 0-255 (default 102); messages over 65535 bytes "
                        + "need 102 or more; --version is the same")
        String version;
        @Option(names = "--no-userinfo", description = "do not send SET_USERINFO (the server then assumes version 0)")
        boolean noUserInfo;
        @Option(names = "--faculty", paramLabel = "N", description = "faculty byte for SET_USERINFO (default 0)")
        String faculty;
        @Option(names = "--room", paramLabel = "TEXT", description = "room for SET_USERINFO, up to 5 bytes (default empty)")
        String room = "";
        @Option(names = "--info", paramLabel = "TEXT", description = "info text for SET_USERINFO, up to 255 bytes (default empty)")
        String info = "";
        @Option(names = "--charset", paramLabel = "NAME",
                description = "charset of names, room, info and file names (default windows-1251); the message "
                        + "files are sent as they are")
        String charset;
        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "connect and answer timeout: 10s, 500ms or plain seconds (default 10s)")
        String timeout;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;
        @Parameters(arity = "0..1", paramLabel = "TEXT-FILE", description = "the message text")
        Path text;
    }

    static final String USAGE = new CommandLine(new Arguments()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message for the user when they are invalid
     */
    static SeaSendOptions parse(String[] args) {
        Arguments a = new Arguments();
        try {
            if (new CommandLine(a).setOverwrittenOptionsAllowed(true).parseArgs(args).isUsageHelpRequested()) {
                return new SeaSendOptions(true, "127.0.0.1", DEFAULT_PORT, null, null, SeaClientFrames.GROUP, 0,
                        SeaClientFrames.BIG_MIN_VERSION, true, 0, "", "", null, Duration.ofSeconds(10), null, null, null);
            }
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Builder b = new Builder();
        if (a.server != null) {
            b.server(a.server);
        }
        b.user = a.user;
        b.computer = a.computer;
        if (a.to != null) {
            b.destination = destination(a.to);
        }
        b.rtf = a.rtf;
        b.attach = a.attach;
        if (a.flags != null) {
            b.flags = number(a.flags, "--flags", 0, 255);
        }
        if (a.version != null) {
            b.version = number(a.version, "--client-version", 0, 255);
        }
        b.sendUserInfo = !a.noUserInfo;
        if (a.faculty != null) {
            b.faculty = number(a.faculty, "--faculty", 0, 255);
        }
        b.room = a.room;
        b.info = a.info;
        if (a.charset != null) {
            b.charset = charset(a.charset);
        }
        if (a.timeout != null) {
            b.timeout = duration(a.timeout);
        }
        b.text = a.text;
        return b.build();
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(option + " must be a number " + min + "-" + max + ", was '" + text + "'");
    }

    private static int destination(String text) {
        return switch (text) {
            case "group", "0" -> SeaClientFrames.GROUP;
            case "printers", "65535" -> SeaClientFrames.PRINTERS;
            default -> number(text, "--to", 1, 65534);
        };
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown charset '" + name + "'");
        }
    }

    private static Duration duration(String text) {
        try {
            Duration d;
            if (text.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(text));
            }
            if (!d.isNegative() && !d.isZero() && d.compareTo(Duration.ofHours(1)) <= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("--timeout must be like 10s, 500ms or 10 (1ms to 1h), was '" + text + "'");
    }

    /** Mutable collector for {@link #parse}; defaults are the documented ones. */
    private static final class Builder {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String user;
        String computer;
        int destination = SeaClientFrames.GROUP;
        int flags;
        int version = SeaClientFrames.BIG_MIN_VERSION;
        boolean sendUserInfo = true;
        int faculty;
        String room = "";
        String info = "";
        Charset charset;
        Duration timeout = Duration.ofSeconds(10);
        Path text;
        Path rtf;
        Path attach;

        void server(String text) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                host = text.substring(0, colon);
                port = number(text.substring(colon + 1), "--server port", 1, 65535);
            } else if (text.startsWith("[") && text.contains("]:")) {
                host = text.substring(1, text.indexOf("]:"));
                port = number(text.substring(text.indexOf("]:") + 2), "--server port", 1, 65535);
            } else {
                host = text;
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("--server needs a host name");
            }
        }

        SeaSendOptions build() {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("--user is required");
            }
            if (text == null) {
                throw new IllegalArgumentException("TEXT-FILE is required");
            }
            return new SeaSendOptions(false, host, port, user, computer == null ? localHostName() : computer,
                    destination, flags, version, sendUserInfo, faculty, room, info,
                    charset == null ? Charset.forName("windows-1251") : charset, timeout, text, rtf, attach);
        }

        private static String localHostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "seasend";
            }
        }
    }
}
