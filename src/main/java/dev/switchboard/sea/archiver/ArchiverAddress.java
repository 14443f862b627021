package dev.switchboard.sea.archiver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the archiver listens: a TCP endpoint or a Unix-domain stream socket (spec §13.2, M8).
 *
 * <p>Accepted forms: {@code tcp://host:port} (IPv4 literal, host name or {@code [IPv6]}), {@code unix:/absolute/path},
 * and the reference's own forms {@code a.b.c.d:port} and {@code /absolute/path} so that existing {@code -a}
 * arguments can be reused. {@link #toString()} gives the canonical {@code tcp://}/{@code unix:} form.
 */
public sealed interface ArchiverAddress {

    /** Linux {@code sun_path} holds 108 bytes including the terminating NUL. */
    int MAX_UNIX_PATH_BYTES = 107;

    /** A TCP archiver. */
    record Tcp(String host, int port) implements ArchiverAddress {
        public Tcp {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("archiver host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("archiver port must be 1..65535, was " + port);
            }
        }

        @Override
        public String toString() {
            return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A Unix-domain stream socket archiver. */
    record Unix(Path path) implements ArchiverAddress {
        public Unix {
            if (path == null || !path.isAbsolute()) {
                throw new IllegalArgumentException("archiver unix socket path must be absolute, was " + path);
            }
            int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_UNIX_PATH_BYTES) {
                throw new IllegalArgumentException("archiver unix socket path is " + bytes
                        + " bytes; the limit is " + MAX_UNIX_PATH_BYTES);
            }
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /**
     * Parses an archiver address.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms when {@code text} is not one
     */
    static ArchiverAddress parse(String text) {
        return ArchiverAddressParser.parse(text);
    }
}
