package dev.switchboard.tools.seasend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Duration;

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

    static final String USAGE = """
            Usage: seasend [options] --user NAME TEXT-FILE
            Logs in to a SEA server, sends TEXT-FILE as a message, and prints what the server answers
            until it has processed the message (a PING is sent last; its PONG ends the run).

              -s, --server HOST[:PORT]   server address (default 127.0.0.1:8732)
              -u, --user NAME            user name to log in with (required)
              -c, --computer NAME        computer name (default: this host's name)
              -t, --to ID|group|printers destination: a user ID 1-65534, group (0) or printers (65535);
                                         default group
                  --rtf FILE             add an RTF version of the message
                  --attach FILE          add FILE as an attachment
                  --flags N              client flag byte 0-255 (2 = important; bit 0 is the server's)
                  --client-version N     version byte sent in SET_USERINFO, 0-255 (default 102);
                                         messages over 65535 bytes need 102 or more; --version is the same
                  --no-userinfo          do not send SET_USERINFO (the server then assumes version 0)
                  --faculty N            faculty byte for SET_USERINFO (default 0)
                  --room TEXT            room for SET_USERINFO, up to 5 bytes (default empty)
                  --info TEXT            info text for SET_USERINFO, up to 255 bytes (default empty)
                  --charset NAME         charset of names, room, info and file names (default windows-1251);
                                         the message files are sent as they are
                  --timeout DURATION     connect and answer timeout: 10s, 500ms or plain seconds (default 10s)
              -h, --help                 show this help

            Exit status: 0 when the server answered the closing PING, 1 on any error.
            """;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message for the user when they are invalid
     */
    static SeaSendOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> b.help = true;
                case "-s", "--server" -> b.server(value(args, ++i, arg));
                case "-u", "--user" -> b.user = value(args, ++i, arg);
                case "-c", "--computer" -> b.computer = value(args, ++i, arg);
                case "-t", "--to" -> b.destination = destination(value(args, ++i, arg));
                case "--rtf" -> b.rtf = Path.of(value(args, ++i, arg));
                case "--attach" -> b.attach = Path.of(value(args, ++i, arg));
                case "--flags" -> b.flags = number(value(args, ++i, arg), arg, 0, 255);
                case "--client-version", "--version" -> b.version = number(value(args, ++i, arg), arg, 0, 255);
                case "--no-userinfo" -> b.sendUserInfo = false;
                case "--faculty" -> b.faculty = number(value(args, ++i, arg), arg, 0, 255);
                case "--room" -> b.room = value(args, ++i, arg);
                case "--info" -> b.info = value(args, ++i, arg);
                case "--charset" -> b.charset = charset(value(args, ++i, arg));
                case "--timeout" -> b.timeout = duration(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (b.text != null) {
                        throw new IllegalArgumentException("only one TEXT-FILE may be given (also got " + arg + ")");
                    }
                    b.text = Path.of(arg);
                }
            }
        }
        return b.build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
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
            case "group", "0" -> ClientFrames.GROUP;
            case "printers", "65535" -> ClientFrames.PRINTERS;
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
        boolean help;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String user;
        String computer;
        int destination = ClientFrames.GROUP;
        int flags;
        int version = ClientFrames.BIG_MIN_VERSION;
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
            if (help) {
                return new SeaSendOptions(true, host, port, user, computer, destination, flags, version, sendUserInfo,
                        faculty, room, info, charset, timeout, text, rtf, attach);
            }
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
