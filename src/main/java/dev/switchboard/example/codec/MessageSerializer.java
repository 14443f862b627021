package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.message.NameRules;

import java.util.Map;

/**
 * The canonical serializer of spec §3.4 with the value escaping of §3.5, byte-exact with REF.
 *
 * <p>As a sender it enforces the name rules of §3.2 and refuses NUL in values (§2.1), throwing
 * {@link IllegalArgumentException}; callers that echo received names must check them first (§10 D4).
 */
public final class MessageSerializer {

    private MessageSerializer() {
    }

    /** The wire text of {@code message} without any terminator (TCP adds LF, UDP nothing). */
    public static String serialize(ExampleMessage message) {
        if (!NameRules.isValidCommand(message.command())) {
            throw new IllegalArgumentException("invalid command name: '" + message.command() + "'");
        }
        requireName(NameRules.isValidSentFromName(message.sentFromServer()), "sent-from server", message.sentFromServer());
        requireName(NameRules.isValidSentFromName(message.sentFromService()), "sent-from service", message.sentFromService());
        requireName(NameRules.isValidRouteName(message.server()), "server", message.server());
        requireName(NameRules.isValidRouteName(message.service()), "service", message.service());

        StringBuilder out = new StringBuilder();
        if (!message.sentFromServer().isEmpty() || !message.sentFromService().isEmpty()) {
            out.append('<').append(message.sentFromServer()).append(':').append(message.sentFromService()).append(' ');
        }
        // §3.4 step 2: without a service the server is not written at all.
        if (!message.service().isEmpty()) {
            if (!message.server().isEmpty()) {
                out.append(message.server()).append(':');
            }
            out.append(message.service()).append('/');
        }
        out.append(message.command());
        char separator = ' ';
        for (Map.Entry<String, String> p : message.parameters().entrySet()) {
            requireName(NameRules.isValidParameterName(p.getKey()), "parameter", p.getKey());
            out.append(separator).append(p.getKey()).append('=');
            appendValue(out, p.getValue());
            separator = ';';
        }
        return out.toString();
    }

    private static void appendValue(StringBuilder out, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in a parameter value");
        }
        boolean quoted = value.indexOf(';') >= 0 || value.startsWith("\"");
        if (quoted) {
            out.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        if (quoted) {
            out.append('"');
        }
    }

    private static void requireName(boolean valid, String what, String name) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + what + " name: '" + name + "'");
        }
    }
}
