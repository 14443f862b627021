package dev.switchboard.tools.example;

/**
 * A target address in the reference's form (spec §1): {@code IPv4[:port]}, {@code [IPv6][:port]} or a
 * host name; a missing port takes the tool's default and a missing host {@code 127.0.0.1}.
 */
public record Address(String host, int port) {

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a usable message when invalid. */
    public static Address parse(String text, int defaultPort) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in address '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after ']' in address '" + text + "'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("an IPv6 address must be written [addr]:port: '" + text + "'");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        return new Address(host, port == null ? defaultPort : parsePort(port, text));
    }

    private static int parsePort(String port, String text) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole address
        }
        throw new IllegalArgumentException("invalid port in address '" + text + "'");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
