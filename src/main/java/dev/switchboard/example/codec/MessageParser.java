package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.message.NameRules;

import java.util.TreeMap;

/**
 * The receiver parse algorithm of spec §3.3, with the single-pass value decoder recommended in §3.5.
 *
 * <p>Pure and stateless. The input is one line with its LF removed; the caller bounds its length.
 * The optional JSON form (§3.7) is not supported: a line starting with {@code {} is INVALID, which the
 * spec allows because the example never sends JSON.
 */
public final class MessageParser {

    private MessageParser() {
    }

    /** Parses one line. Never throws for any input. */
    public static ParseResult parse(String line) {
        String s = trim(line);
        if (s.isEmpty()) {
            return invalid("empty line");
        }
        if (s.charAt(0) == '{') {
            return invalid("JSON form is not supported");
        }
        int pos = 0;
        int len = s.length();
        String sentFromServer = "";
        String sentFromService = "";

        // §3.3 step 3: optional "<server:service " prefix.
        if (s.charAt(0) == '<') {
            int colon = -1;
            for (int i = 1; i < len; i++) {
                char c = s.charAt(i);
                if (c == ' ') {
                    return invalid("space in sent-from server");
                }
                if (c == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                return invalid("sent-from without ':'");
            }
            int space = s.indexOf(' ', colon + 1);
            if (space < 0) {
                return invalid("sent-from part without a command");
            }
            sentFromServer = s.substring(1, colon);
            sentFromService = s.substring(colon + 1, space);
            pos = space + 1;
        }

        // §3.3 step 4: "[server:][service/]COMMAND" up to the first space.
        String server = "";
        String service = "";
        boolean haveServer = false;
        boolean haveService = false;
        StringBuilder acc = new StringBuilder();
        while (pos < len && s.charAt(pos) != ' ') {
            char c = s.charAt(pos);
            if (c == ':') {
                if (haveServer || haveService || acc.isEmpty()) {
                    return invalid("misplaced ':' in destination");
                }
                server = acc.toString();
                haveServer = true;
                acc.setLength(0);
            } else if (c == '/') {
                if (haveService || acc.isEmpty()) {
                    return invalid("misplaced '/' in destination");
                }
                service = acc.toString();
                haveService = true;
                acc.setLength(0);
            } else {
                acc.append(c);
            }
            pos++;
        }
        if (acc.isEmpty()) {
            return invalid("empty command");
        }
        String command = acc.toString();

        // §3.3 step 5: parameters follow exactly one space.
        TreeMap<String, String> parameters = new TreeMap<>();
        if (pos < len) {
            pos++;
            while (pos < len) {
                int eq = s.indexOf('=', pos);
                if (eq < 0) {
                    return invalid("parameter without '='");
                }
                String name = s.substring(pos, eq);
                if (!NameRules.isValidParameterName(name)) {
                    return invalid("bad parameter name");
                }
                pos = eq + 1;
                StringBuilder value = new StringBuilder();
                if (pos < len && s.charAt(pos) == '"') {
                    pos = readQuoted(s, pos + 1, value);
                    if (pos < 0) {
                        return invalid("unterminated quoted value");
                    }
                } else {
                    pos = readPlain(s, pos, value);
                }
                if (pos < len) {
                    if (s.charAt(pos) != ';') {
                        return invalid("unexpected character after a value");
                    }
                    pos++;
                }
                // A repeated name keeps the last value (§3.1).
                parameters.put(name, value.toString());
            }
        }
        return new ParseResult.Parsed(
                new ExampleMessage(sentFromServer, sentFromService, server, service, command, parameters));
    }

    /**
     * Reads a quoted value starting after the opening quote; returns the index after the closing quote,
     * or -1 if the line ends first. §3.5: {@code \\ \" \n \r} are escapes, any other pair is kept.
     */
    private static int readQuoted(String s, int pos, StringBuilder out) {
        int len = s.length();
        while (pos < len) {
            char c = s.charAt(pos);
            if (c == '"') {
                return pos + 1;
            }
            if (c == '\\' && pos + 1 < len) {
                char next = s.charAt(pos + 1);
                switch (next) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    default -> out.append(c).append(next);
                }
                pos += 2;
            } else {
                out.append(c);
                pos++;
            }
        }
        return -1;
    }

    /** Reads a plain value up to {@code ;} or the end; only {@code \\ \n \r} are escapes (§3.5). */
    private static int readPlain(String s, int pos, StringBuilder out) {
        int len = s.length();
        while (pos < len) {
            char c = s.charAt(pos);
            if (c == ';') {
                return pos;
            }
            if (c == '\\' && pos + 1 < len && s.charAt(pos + 1) != ';') {
                char next = s.charAt(pos + 1);
                switch (next) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    default -> out.append(c).append(next);
                }
                pos += 2;
            } else {
                out.append(c);
                pos++;
            }
        }
        return pos;
    }

    /** §3.3 step 1: strips exactly SP, HT, LF, VT, FF and CR; not {@code trim()} or {@code strip()}. */
    static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isTrimmed(line.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static ParseResult invalid(String reason) {
        return new ParseResult.Invalid(reason);
    }
}
