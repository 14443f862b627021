package dev.switchboard.sea.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.OptionalInt;

/**
 * An IPv4 address block ({@code a.b.c.d/n}) as used by SEA bans and connection classes (spec §12.1, §12.3).
 *
 * <p>Only the two canonical forms are accepted: a dotted quad ({@code a.b.c.d}, meaning {@code /32}) and
 * {@code a.b.c.d/n} with {@code 0 ≤ n ≤ 32}; octets and prefix are plain decimal without leading zeros
 * (the reference's C parser would read {@code 010} as octal). A block written with host bits set
 * ({@code 10.1.1.7/24}) is normalised to its network ({@code 10.1.1.0/24}), because the reference's
 * "never matches anything" behaviour is a bug (§16 F23, §18 item 7). {@code 0.0.0.0/0} and
 * {@code 255.255.255.255} are ordinary blocks here (they crash the reference, §16 F22).
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param network the network address as a big-endian 32-bit value, host bits all zero
 * @param prefixLength the number of leading network bits, 0 to 32
 */
public record Ipv4Cidr(int network, int prefixLength) {

    /** Longest accepted input: {@code 255.255.255.255/32}. */
    private static final int MAX_TEXT_LENGTH = 18;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the prefix is outside 0–32 or the network has host bits set
     */
    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0-32, got " + prefixLength);
        }
        if ((network & ~maskOf(prefixLength)) != 0) {
            throw new IllegalArgumentException("network " + dottedQuad(network) + " has host bits set for /"
                    + prefixLength + "; use " + dottedQuad(network & maskOf(prefixLength)) + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code a.b.c.d} or {@code a.b.c.d/n}, clearing host bits of the address.
     *
     * @param text the block as typed by an operator or written in configuration
     * @return the block
     * @throws IllegalArgumentException with the reason when the text is not one of the two canonical forms
     */
    public static Ipv4Cidr parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("IPv4 address or CIDR block must not be empty");
        }
        if (text.indexOf(':') >= 0) {
            throw invalid(text, "IPv6 addresses and ip:port forms are not accepted (SEA is IPv4 only)");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(text, "too long for a.b.c.d or a.b.c.d/n");
        }
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        int prefix = 32;
        if (slash >= 0) {
            String prefixPart = text.substring(slash + 1);
            prefix = parseDecimal(prefixPart, 32, text, "prefix length");
        }
        int address = parseDottedQuad(addressPart, text);
        return new Ipv4Cidr(address & maskOf(prefix), prefix);
    }

    /**
     * The {@code /32} block holding exactly one address, as used by flood and administrative bans of a
     * session's IP (§11.2, §14.2).
     *
     * @param address an IPv4 address or an IPv4-mapped IPv6 address
     * @return the single-address block
     * @throws IllegalArgumentException if the address is (non-mapped) IPv6
     */
    public static Ipv4Cidr host(InetAddress address) {
        OptionalInt bits = ipv4Bits(address);
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return new Ipv4Cidr(bits.getAsInt(), 32);
    }

    /**
     * The 32 bits of an IPv4 address; IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) count as the
     * IPv4 address they carry (§2.1).
     *
     * @param address any address, may be {@code null}
     * @return the address bits, or empty for {@code null} and real IPv6 addresses
     */
    public static OptionalInt ipv4Bits(InetAddress address) {
        if (address instanceof Inet4Address) {
            return OptionalInt.of(toInt(address.getAddress(), 0));
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return OptionalInt.empty();
                }
            }
            if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return OptionalInt.of(toInt(b, 12));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The network mask of this block, e.g. {@code 0xFFFFFF00} for {@code /24}.
     *
     * @return the mask
     */
    public int mask() {
        return maskOf(prefixLength);
    }

    /**
     * Whether the address lies in this block ({@code (a & mask) == network}, §12.1).
     *
     * @param address an address; {@code null} and real IPv6 addresses are never contained
     * @return true when contained
     */
    public boolean contains(InetAddress address) {
        OptionalInt bits = ipv4Bits(address);
        return bits.isPresent() && contains(bits.getAsInt());
    }

    /**
     * Whether the address bits lie in this block.
     *
     * @param address an IPv4 address as a big-endian 32-bit value
     * @return true when contained
     */
    public boolean contains(int address) {
        return (address & mask()) == network;
    }

    /**
     * The network address in dotted-quad form.
     *
     * @return e.g. {@code 172.16.0.0}
     */
    public String networkText() {
        return dottedQuad(network);
    }

    /**
     * The canonical text: the dotted quad alone for a {@code /32}, otherwise {@code network/prefix}.
     * {@link #parse(String)} of this text yields an equal block.
     *
     * @return e.g. {@code 10.0.0.9} or {@code 172.16.0.0/12}
     */
    @Override
    public String toString() {
        return prefixLength == 32 ? networkText() : networkText() + "/" + prefixLength;
    }

    /**
     * Formats 32 address bits as a dotted quad without leading zeros (§2.1).
     *
     * @param address big-endian address bits
     * @return e.g. {@code 192.168.0.5}
     */
    public static String dottedQuad(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int maskOf(int prefixLength) {
        // a shift by 32 is a no-op in Java, so /0 needs its own case
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static int toInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8
                | (b[offset + 3] & 0xff);
    }

    private static int parseDottedQuad(String part, String whole) {
        String[] octets = part.split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(whole, "expected four dot-separated octets, found " + octets.length);
        }
        int address = 0;
        for (String octet : octets) {
            address = address << 8 | parseDecimal(octet, 255, whole, "octet");
        }
        return address;
    }

    private static int parseDecimal(String digits, int max, String whole, String what) {
        if (digits.isEmpty()) {
            throw invalid(whole, "empty " + what);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(whole, what + " '" + digits + "' is not a decimal number");
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw invalid(whole, what + " '" + digits + "' has a leading zero (ambiguous: octal in C parsers)");
        }
        if (digits.length() > 3 || Integer.parseInt(digits) > max) {
            throw invalid(whole, what + " " + digits + " is out of range 0-" + max);
        }
        return Integer.parseInt(digits);
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        // operator input can be arbitrarily long; keep the message readable
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new IllegalArgumentException("invalid IPv4 address or CIDR block '" + shown + "': " + reason);
    }
}
