package dev.switchboard.sea.archiver;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Parses the textual archiver address forms of {@link ArchiverAddress}. */
final class ArchiverAddressParser {

    /** The reference's {@code a.b.c.d:port} form (§13.2); the port range is checked by {@link ArchiverAddress.Tcp}. */
    private static final Pattern LEGACY_TCP = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d):\\d{1,5}");

    private ArchiverAddressParser() {
    }

    static ArchiverAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("archiver address is empty; expected tcp://host:port or unix:/absolute/path");
        }
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("tcp://")) {
                return parseTcpUri(trimmed);
            }
            if (trimmed.startsWith("unix:")) {
                return unixPath(trimmed.substring("unix:".length()));
            }
            if (trimmed.startsWith("/")) {
                return unixPath(trimmed);
            }
            if (LEGACY_TCP.matcher(trimmed).matches()) {
                int colon = trimmed.lastIndexOf(':');
                return new ArchiverAddress.Tcp(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid archiver address '" + trimmed + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("invalid archiver address '" + trimmed
                + "': expected tcp://host:port, unix:/absolute/path, a.b.c.d:port or /absolute/path");
    }

    private static ArchiverAddress parseTcpUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected tcp://host:port");
        }
        if (uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("tcp address must be exactly tcp://host:port");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ArchiverAddress.Tcp(host, uri.getPort());
    }

    private static ArchiverAddress unixPath(String path) {
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unix socket path must be a non-empty absolute path");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("unix socket path must be absolute (start with '/')");
        }
        return new ArchiverAddress.Unix(Path.of(path));
    }
}
