package dev.switchboard.cluster;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db]} or {@code rediss://…} URL (user and password
 * percent-encoded; an IPv6 host in brackets).
 *
 * @param tls      true for {@code rediss://}
 * @param user     the ACL user; empty for the default user
 * @param password the password; empty for none
 * @param host     the host name or address (IPv6 without brackets)
 * @param port     the port, 6379 when the URL names none
 * @param database the database index, 0 when the URL names none
 */
public record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {

    /** The URL shape; ports and database numbers are range-checked by {@link #inRange()}. */
    public static final String PATTERN = "(rediss?)://(?:([^:@/]*)(?::([^@/]*))?@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)"
            + "(?::(\\d{1,5}))?(?:/(\\d{1,5}))?/?";
    private static final Pattern URL = Pattern.compile(PATTERN);

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException if it does not have the shape of {@link #PATTERN}
     */
    public static RedisUrl parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a redis:// or rediss:// URL");
        }
        String host = m.group(4);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RedisUrl("rediss".equals(m.group(1)), decode(m.group(2)), decode(m.group(3)), host,
                m.group(5) == null ? 6379 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
    }

    /** Whether the port is 1..65535 and the database 0..15 (Redis's default number of databases). */
    public boolean inRange() {
        return port >= 1 && port <= 65535 && database >= 0 && database <= 15;
    }

    /** The URL without its password, for logs and the {@code cluster} endpoint. */
    public String redacted() {
        String hostText = host.contains(":") ? "[" + host + "]" : host;
        String userText = user.isEmpty() && password.isEmpty() ? "" : (user.isEmpty() ? "" : user) + ":***@";
        return (tls ? "rediss" : "redis") + "://" + userText + hostText + ":" + port + "/" + database;
    }

    private static String decode(String part) {
        return part == null ? "" : URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
