package dev.switchboard.sea.service;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ordered connection classes of spec §12.3 plus the class used when none matches.
 *
 * <p>Classes are checked in configuration order and the <em>first</em> whose block contains the client
 * address applies. With no match the fallback applies; the reference's fallback is
 * {@link ConnectionClass#REFERENCE_DEFAULT} (login timeout 30 s, unlimited connections, max penalty 10 s).
 * Real IPv6 clients (not IPv4-mapped) match no class and get the fallback.
 *
 * <p>Immutable and therefore thread-safe.
 */
public final class ConnectionClasses {

    private final List<ConnectionClass> classes;
    private final ConnectionClass fallback;

    /**
     * Creates the class table.
     *
     * @param classes the classes in configuration order (copied)
     * @param fallback the class for addresses no class contains; must cover {@code 0.0.0.0/0}
     *     (see {@link ConnectionClass#everyAddress})
     * @throws IllegalArgumentException if an argument or element is null or the fallback is not a /0 class
     */
    public ConnectionClasses(List<ConnectionClass> classes, ConnectionClass fallback) {
        // immutable lists throw on contains(null), so look for null elements by hand
        if (classes == null || classes.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("connection classes must be a list without null elements");
        }
        if (fallback == null || fallback.block().prefixLength() != 0) {
            throw new IllegalArgumentException("the fallback connection class must cover every address "
                    + "(0.0.0.0/0), got " + fallback);
        }
        this.classes = List.copyOf(classes);
        this.fallback = fallback;
    }

    /**
     * Parses each class in the reference syntax ({@link ConnectionClass#parse}) and uses the given fallback.
     *
     * @param specs e.g. {@code ["192.168.0.0/24:7:2:180"]}
     * @param fallback the class for unmatched addresses
     * @return the table
     * @throws IllegalArgumentException for the first malformed class (a fatal configuration error, §12.3)
     */
    public static ConnectionClasses parse(List<String> specs, ConnectionClass fallback) {
        if (specs == null) {
            throw new IllegalArgumentException("connection class list must not be null");
        }
        return new ConnectionClasses(specs.stream().map(ConnectionClass::parse).toList(), fallback);
    }

    /**
     * The class for a client address: the first class containing it, else the fallback.
     *
     * @param address the client's address (IPv4 or IPv4-mapped IPv6)
     * @return the applicable class, never null
     */
    public ConnectionClass forAddress(InetAddress address) {
        OptionalInt bits = Ipv4Cidr.ipv4Bits(address);
        return bits.isPresent() ? forAddress(bits.getAsInt()) : fallback;
    }

    /**
     * The class for an IPv4 address given as bits.
     *
     * @param address big-endian IPv4 address bits
     * @return the applicable class, never null
     */
    public ConnectionClass forAddress(int address) {
        for (ConnectionClass candidate : classes) {
            if (candidate.block().contains(address)) {
                return candidate;
            }
        }
        return fallback;
    }

    /**
     * The configured classes with effective (clamped) values, in order (§15 M16).
     *
     * @return an immutable list
     */
    public List<ConnectionClass> classes() {
        return classes;
    }

    /**
     * The class used when none matches.
     *
     * @return the fallback class
     */
    public ConnectionClass fallback() {
        return fallback;
    }
}
