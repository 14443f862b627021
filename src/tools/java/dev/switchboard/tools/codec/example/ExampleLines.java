package dev.switchboard.tools.codec.example;

import java.util.Map;
import java.util.TreeMap;

/**
 * The example protocol's message text (example-protocol.md §3.3–§3.5), written from the spec for the
 * client side, independently of the gateway's parser and serializer: the canonical serializer a sender
 * uses, and the receiver's parse algorithm with the single-pass value decoder §3.5 recommends. The JSON
 * form (§3.7) is not read: no example peer sends it.
 */
public final class ExampleLines {

    /** What {@link #parse} makes of one line. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    /** A line that parsed. */
    public record Valid(ExampleLine line) implements Parsed {
    }

    /** A line the receiver must reject (§4.2), with the reason. */
    public record Invalid(String reason) implements Parsed {
    }

    private ExampleLines() {
    }

    /**
     * The canonical wire text of {@code line} without its terminator (§3.4; TCP adds LF, UDP nothing).
     *
     * @throws IllegalArgumentException when a name breaks the sender rules of §3.2 or a value holds NUL (§2.1)
     */
    public static String serialize(ExampleLine line) {
        require(ExampleNames.isCommand(line.command()), "command", line.command());
        require(ExampleNames.isSentFrom(line.sentFromServer()), "sent-from server", line.sentFromServer());
        require(ExampleNames.isSentFrom(line.sentFromService()), "sent-from service", line.sentFromService());
        require(ExampleNames.isRoute(line.server()), "server", line.server());
        require(ExampleNames.isRoute(line.service()), "service", line.service());
        StringBuilder out = new StringBuilder(32);
        if (!line.sentFromServer().isEmpty() || !line.sentFromService().isEmpty()) {
            out.append('<').append(line.sentFromServer()).append(':').append(line.sentFromService()).append(' ');
        }
        // Step 2: a server without a service is not written at all.
        if (!line.service().isEmpty()) {
            if (!line.server().isEmpty()) {
                out.append(line.server()).append(':');
            }
            out.append(line.service()).append('/');
        }
        out.append(line.command());
        boolean first = true;
        for (Map.Entry<String, String> p : line.parameters().entrySet()) {
            require(ExampleNames.isParameter(p.getKey()), "parameter", p.getKey());
            out.append(first ? ' ' : ';').append(p.getKey()).append('=');
            encodeValue(p.getValue(), out);
            first = false;
        }
        return out.toString();
    }

    /** §3.5 encoding: quoted when it holds {@code ;} or starts with {@code "}; escapes {@code \ LF CR} (and {@code "} when quoted). */
    private static void encodeValue(String value, StringBuilder out) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a parameter value must not contain NUL");
        }
        boolean quoted = value.startsWith("\"") || value.indexOf(';') >= 0;
        if (quoted) {
            out.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '"' && quoted) {
                out.append("\\\"");
            } else {
                out.append(c);
            }
        }
        if (quoted) {
            out.append('"');
        }
    }

    /** Parses one line, its LF already removed (§3.3); never throws. */
    public static Parsed parse(String raw) {
        String s = trim(raw);
        if (s.isEmpty()) {
            return new Invalid("empty line");
        }
        if (s.charAt(0) == '{') {
            return new Invalid("JSON form not supported");
        }
        int at = 0;
        String fromServer = "";
        String fromService = "";
        if (s.charAt(0) == '<') {
            int colon = s.indexOf(':');
            int space = s.indexOf(' ');
            if (colon < 0 || space >= 0 && space < colon) {
                return new Invalid("sent-from server without ':'");
            }
            int end = s.indexOf(' ', colon + 1);
            if (end < 0) {
                return new Invalid("sent-from part without a command");
            }
            fromServer = s.substring(1, colon);
            fromService = s.substring(colon + 1, end);
            at = end + 1;
        }
        int commandEnd = s.indexOf(' ', at);
        if (commandEnd < 0) {
            commandEnd = s.length();
        }
        String server = null;
        String service = null;
        int partStart = at;
        for (int i = at; i < commandEnd; i++) {
            char c = s.charAt(i);
            if (c != ':' && c != '/') {
                continue;
            }
            if (i == partStart || service != null || c == ':' && server != null) {
                return new Invalid("misplaced '" + c + "' in the destination");
            }
            if (c == ':') {
                server = s.substring(partStart, i);
            } else {
                service = s.substring(partStart, i);
            }
            partStart = i + 1;
        }
        if (partStart == commandEnd) {
            return new Invalid("empty command");
        }
        String command = s.substring(partStart, commandEnd);
        TreeMap<String, String> parameters = new TreeMap<>();
        int p = commandEnd + 1;
        while (p < s.length()) {
            int eq = s.indexOf('=', p);
            if (eq < 0) {
                return new Invalid("parameter without '='");
            }
            String name = s.substring(p, eq);
            if (!ExampleNames.isParameter(name)) {
                return new Invalid("bad parameter name '" + name + "'");
            }
            StringBuilder value = new StringBuilder();
            p = eq + 1;
            if (p < s.length() && s.charAt(p) == '"') {
                p = quoted(s, p + 1, value);
                if (p < 0) {
                    return new Invalid("quoted value not closed");
                }
            } else {
                p = plain(s, p, value);
            }
            if (p < s.length()) {
                if (s.charAt(p) != ';') {
                    return new Invalid("text after a value");
                }
                p++;
            }
            parameters.put(name, value.toString());
        }
        return new Valid(new ExampleLine(fromServer, fromService, server, service, command, parameters));
    }

    /** A quoted value from {@code p} (after the opening quote); the index after the closing quote, or -1. */
    private static int quoted(String s, int p, StringBuilder out) {
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\' && p + 1 < s.length()) {
                char e = s.charAt(p + 1);
                out.append(e == '\\' ? "\\" : e == '"' ? "\"" : e == 'n' ? "\n" : e == 'r' ? "\r" : "\\" + e);
                p += 2;
            } else {
                out.append(c);
                p++;
            }
        }
        return -1;
    }

    /** A plain value from {@code p} up to {@code ;} or the end; only {@code \\ \n \r} are escapes. */
    private static int plain(String s, int p, StringBuilder out) {
        while (p < s.length() && s.charAt(p) != ';') {
            char c = s.charAt(p);
            char e = p + 1 < s.length() ? s.charAt(p + 1) : 0;
            if (c == '\\' && (e == '\\' || e == 'n' || e == 'r')) {
                out.append(e == '\\' ? '\\' : e == 'n' ? '\n' : '\r');
                p += 2;
            } else {
                out.append(c);
                p++;
            }
        }
        return p;
    }

    /** §3.3 step 1: strips SP, HT, LF, VT, FF and CR at both ends, and nothing else. */
    private static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && " \t\n\u000b\f\r".indexOf(line.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\u000b\f\r".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return line.substring(start, end);
    }

    private static void require(boolean valid, String what, String name) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + what + " name: '" + name + "'");
        }
    }
}
